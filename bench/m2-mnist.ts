/**
 * Do the unlabelled digits help? Trains the semi-supervised VAE template (`m2-mnist.json`: 1,000
 * labelled training digits, the other 59,000 without labels) and the classifier template
 * (`classifier-mnist.json`) on the same 1,000 labelled digits alone (`unlabelled: drop`, the same
 * labelled examples by the same label seed), for the same number of steps, and prints the held-out
 * accuracy of each: M2's q(y | x) against the classifier's softmax, on the 10,000 test digits.
 *
 *   npx tsx bench/m2-mnist.ts [--steps N] [--seed S] [--alpha A] [--labelled-per-batch L]
 *
 * Without `--steps` both take the M2 template's own steps. `--alpha` and `--labelled-per-batch`
 * override the template's classification weight and labelled rows per batch (for tuning).
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { parseGraphFile, type GraphFile } from '../shared/graph/index';
import { initBackend } from '../electron/engine/backend';
import { prepareTraining, train } from '../electron/engine/train/trainer';

const args = process.argv.slice(2);
const option = (name: string): number | undefined => {
  const i = args.indexOf(name);
  return i < 0 ? undefined : Number(args[i + 1]);
};
const seed = option('--seed') ?? 0;
const alpha = option('--alpha');
const labelledPerBatch = option('--labelled-per-batch');

function template(name: string): GraphFile {
  return parseGraphFile(readFileSync(new URL(`../assets/examples/${name}.json`, import.meta.url), 'utf8'));
}

/** The classifier template on the M2 template's labelled examples alone. */
function supervisedOnly(m2: GraphFile): GraphFile {
  const doc = template('classifier-mnist');
  const labels = m2.graph.nodes.find((n) => n.kind === 'data.mnist')!.params;
  const mnist = doc.graph.nodes.find((n) => n.kind === 'data.mnist')!;
  mnist.params = { ...mnist.params, labelled: labels.labelled, labelSeed: labels.labelSeed, unlabelled: 'drop' };
  return doc;
}

async function main(): Promise<void> {
  await initBackend('wasm');
  const m2 = template('m2-mnist');
  const y = m2.graph.nodes.find((n) => n.id === 'y')!;
  if (alpha !== undefined) y.params.classificationWeight = alpha;
  const mnist = m2.graph.nodes.find((n) => n.kind === 'data.mnist')!;
  if (labelledPerBatch !== undefined) mnist.params.labelledPerBatch = labelledPerBatch;
  const duration = m2.training.duration;
  const steps = option('--steps') ?? ('steps' in duration ? duration.steps : 2000);
  const labelled = mnist.params.labelled as number;

  let t = Date.now();
  const classifier = prepareTraining(supervisedOnly(m2), '.', seed);
  const c = await train(classifier, { steps });
  console.log(`classifier-mnist on the ${labelled} labelled digits alone: ${steps} steps in ${((Date.now() - t) / 1000).toFixed(0)} s, held-out accuracy ${(100 * c.valAccuracy.label!).toFixed(2)}%`);

  t = Date.now();
  const semi = prepareTraining(m2, '.', seed);
  const r = await train(semi, { steps, onEvent: (e) => e.type === 'eval' && console.log(`  m2 step ${e.step}: held-out ELBO ${e.valElbo.toFixed(2)}, accuracy ${(100 * e.valAccuracy.y!).toFixed(2)}%`) });
  console.log(`m2-mnist (α = ${y.params.classificationWeight}, ${mnist.params.labelledPerBatch} labelled rows per batch): ${steps} steps in ${((Date.now() - t) / 1000).toFixed(0)} s, training ELBO ${r.elbo.toFixed(2)}, held-out ELBO ${r.valElbo.toFixed(2)}, held-out accuracy of q(y | x) ${(100 * r.valAccuracy.y!).toFixed(2)}%`);
  console.log(`M2 − classifier: ${(100 * (r.valAccuracy.y! - c.valAccuracy.label!)).toFixed(2)} points`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
