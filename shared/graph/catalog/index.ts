import type { NodeKind } from './kind';
import { mnistKind } from './mnist';
import { twoMoonsKind } from './two-moons';
import { gaussianMixtureKind } from './gaussian-mixture';
import { csvKind } from './csv';
import { textKind } from './text';
import { mobyDickKind } from './moby-dick';
import { countsKind } from './counts';
import { noisySineKind } from './noisy-sine';
import { mlpKind } from './mlp';
import { normalKind } from './normal';
import { bernoulliKind } from './bernoulli';
import { categoricalKind } from './categorical';
import { betaKind } from './beta';
import { kumaraswamyKind } from './kumaraswamy';
import { gammaKind } from './gamma';
import { weibullKind } from './weibull';
import { lognormalKind } from './lognormal';
import { laplaceKind } from './laplace';
import { poissonKind } from './poisson';
import { relaxedBernoulliKind } from './relaxed-bernoulli';
import { concreteKind } from './concrete';
import { constantKind } from './constant';
import { learnableKind } from './learnable';
import { madeKind } from './made';
import { embeddingKind } from './embedding';
import { gruEncoderKind } from './gru-encoder';
import { gruDecoderKind } from './gru-decoder';
import { affineFlowKind } from './affine-flow';
import { iafStepKind } from './iaf-step';
import { flowKind } from './flow';

/** Every node kind of the catalog, in palette order. */
export const CATALOG: readonly NodeKind<any>[] = [
  mnistKind,
  twoMoonsKind,
  gaussianMixtureKind,
  csvKind,
  textKind,
  mobyDickKind,
  countsKind,
  noisySineKind,
  mlpKind,
  embeddingKind,
  gruEncoderKind,
  gruDecoderKind,
  madeKind,
  affineFlowKind,
  iafStepKind,
  normalKind,
  bernoulliKind,
  categoricalKind,
  betaKind,
  kumaraswamyKind,
  gammaKind,
  weibullKind,
  lognormalKind,
  laplaceKind,
  poissonKind,
  relaxedBernoulliKind,
  concreteKind,
  flowKind,
  constantKind,
  learnableKind,
];

const byKind = new Map(CATALOG.map((k) => [k.kind, k]));

/** The catalog entry of a kind, or undefined for a kind this version does not know. */
export function getKind(kind: string): NodeKind<any> | undefined {
  return byKind.get(kind);
}

export type { NodeKind, PortSpec, Category, Incoming, InferContext } from './kind';
export { mnistKind, twoMoonsKind, gaussianMixtureKind, csvKind, mlpKind, normalKind, bernoulliKind, categoricalKind, constantKind, learnableKind };
export { betaKind, kumaraswamyKind, gammaKind, weibullKind, lognormalKind, laplaceKind, poissonKind, relaxedBernoulliKind, concreteKind };
export type { MnistParams } from './mnist';
export { mnistPartialLabels } from './mnist';
export type { TwoMoonsParams } from './two-moons';
export type { GaussianMixtureParams } from './gaussian-mixture';
export type { CsvParams } from './csv';
export type { TextParams } from './text';
export { textKind } from './text';
export type { MobyDickParams } from './moby-dick';
export { mobyDickKind } from './moby-dick';
export type { CountsParams } from './counts';
export type { NoisySineParams } from './noisy-sine';
export { countsKind } from './counts';
export { noisySineKind } from './noisy-sine';
export type { MlpParams, Head } from './mlp';
export { mlpInputWidth } from './mlp';
export type { NormalParams } from './normal';
export type { BernoulliParams } from './bernoulli';
export type { CategoricalParams } from './categorical';
export type { BetaParams } from './beta';
export type { KumaraswamyParams } from './kumaraswamy';
export type { GammaParams } from './gamma';
export type { WeibullParams } from './weibull';
export type { LognormalParams } from './lognormal';
export type { LaplaceParams } from './laplace';
export type { PoissonParams } from './poisson';
export type { RelaxedBernoulliParams } from './relaxed-bernoulli';
export type { ConcreteParams } from './concrete';
export type { ConstantParams } from './constant';
export type { LearnableParams } from './learnable';
export { madeKind, MADE_ORDERS, type MadeParams, type MadeOrder } from './made';
export { affineFlowKind, type AffineFlowParams } from './affine-flow';
export { iafStepKind, type IafStepParams } from './iaf-step';
export { flowKind, type FlowParams } from './flow';
export { embeddingKind, type EmbeddingParams } from './embedding';
export { gruEncoderKind, type GruEncoderParams } from './gru-encoder';
export { gruDecoderKind, type GruDecoderParams } from './gru-decoder';
export { EOS_ID, PAD_ID, UNKNOWN_ID } from './text';
export type { Role, Estimator, Link } from './random-variable';
export { familySpec, linkOf } from './random-variable';
export type { Activation } from './activations';
