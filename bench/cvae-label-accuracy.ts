/**
 * Does the conditional VAE draw the digit it is asked for? Trains the shipped classifier template
 * (`classifier-mnist.json`, one epoch) and the conditional VAE template (`cvae-mnist.json`, its own
 * 2,000 steps unless told), draws `--per-class` digits for each label k (z ~ N(0, I), the decoder's
 * means, as the Samples tab shows them) and prints how often the classifier names them k, overall
 * and per label: the README's figure comes from here.
 *
 *   npx tsx bench/cvae-label-accuracy.ts [--steps N] [--per-class N] [--seed S] [--limit N]
 *
 * `--limit` trains both on the first N training images only (quick checks).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { parseGraphFile, type GraphFile } from '../shared/graph/index';
import { initBackend } from '../electron/engine/backend';
import { classAgreement } from '../electron/engine/inspect/index';
import { prepareTraining, train } from '../electron/engine/train/trainer';

const args = process.argv.slice(2);
const option = (name: string): number | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : Number(args[i + 1]);
};
const steps = option('--steps');
const perClass = option('--per-class') ?? 100;
const seed = option('--seed') ?? 0;
const limit = option('--limit');

function template(name: string): GraphFile {
  const doc = parseGraphFile(readFileSync(new URL(`../assets/examples/${name}.json`, import.meta.url), 'utf8'));
  if (limit !== undefined) doc.graph.nodes.find((n) => n.kind === 'data.mnist')!.params.limit = limit;
  return doc;
}

async function main(): Promise<void> {
  await initBackend('wasm');
  let t = Date.now();
  const classifier = prepareTraining(template('classifier-mnist'), '.', seed);
  const c = await train(classifier, { epochs: 1 });
  console.log(`classifier-mnist: ${c.steps} steps (1 epoch) in ${((Date.now() - t) / 1000).toFixed(0)} s, held-out accuracy ${(100 * c.valAccuracy.label!).toFixed(1)}%`);
  t = Date.now();
  const cvae = prepareTraining(template('cvae-mnist'), '.', seed);
  const r = await train(cvae, steps === undefined ? {} : { steps });
  console.log(`cvae-mnist: ${r.steps} steps in ${((Date.now() - t) / 1000).toFixed(0)} s, training ELBO ${r.elbo.toFixed(2)}, held-out ELBO ${r.valElbo.toFixed(2)}`);
  const a = classAgreement(cvae.model, 'x', classifier.model, { perClass, seed });
  console.log(`digits drawn for label k classified as k: ${(100 * a.rate).toFixed(1)}% of ${10 * a.draws}`);
  console.log(`per label: ${a.perClass.map((p, k) => `${k}: ${(100 * p).toFixed(0)}%`).join(', ')}`);
}

await main();
