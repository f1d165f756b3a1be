import { describe, expect, it } from 'vitest';
import { analyzeGraph, getKind, type GraphFile } from '../../../../shared/graph/index';
import { loadExample } from '../../../helpers/examples';

/** The errors of a graph file, as "code: message". */
function errors(doc: GraphFile): string[] {
  return analyzeGraph(doc.graph, {}, doc.training).problems.filter((p) => p.severity === 'error').map((p) => `${p.code}: ${p.message}`);
}

function m2(change: (doc: GraphFile, node: (id: string) => GraphFile['graph']['nodes'][number]) => void = () => {}): GraphFile {
  const doc = loadExample('m2-mnist');
  change(doc, (id) => doc.graph.nodes.find((n) => n.id === id)!);
  return doc;
}

const withoutEdge = (doc: GraphFile, id: string) => (doc.graph.edges = doc.graph.edges.filter((e) => e.id !== id));

describe('a latent observed where its label is known, and partly labelled data', () => {
  it('accepts the M2 template, whose label column is partial and feeds only y\'s known port', () => {
    const doc = m2();
    expect(errors(doc)).toEqual([]);
    const a = analyzeGraph(doc.graph, {}, doc.training);
    expect(a.nodes.get('mnist')!.outputs.label!.partial).toBe(true);
    expect(a.nodes.get('y')!.ports.map((p) => p.name)).toContain('known');
  });

  it('names the latent when no label column is wired into its known port', () => {
    expect(errors(m2((doc) => withoutEdge(doc, 'e4')))).toEqual([
      'known-labels: latent y is observed where its label is known, but no label column is wired into its \'known\' port: connect the data set\'s label to it (or turn off "observed where known")',
    ]);
  });

  it('names the latent when it is not enumerated, has no classifier q(y | x), or splits into groups', () => {
    expect(errors(m2((_, node) => (node('y').params.estimator = 'score-function')))).toContain('known-labels: latent y is observed where its label is known and summed over its classes elsewhere: set its estimator to enumeration, not score-function');
    expect(errors(m2((doc) => withoutEdge(doc, 'e3')))).toContain('known-labels: latent y is observed where its label is known and needs an approximate posterior q(y | x) (a classifier) for the rows where it is not');
    const grouped = errors(m2((_, node) => (node('y').params.groups = 2)));
    expect(grouped).toContain('known-labels: latent y is observed where its label is known, one class per example: set its groups to 1');
  });

  it('names the latent when its classes and the label\'s differ, or the known port gets pixels', () => {
    expect(errors(m2((_, node) => {
      node('y').params.size = 12;
      node('classifier').params.heads = [{ name: 'logits', size: 12, activation: 'linear' }];
    }))).toContain('known-labels: latent y has 12 classes, but its label \'label\' of mnist has 10');
    expect(errors(m2((doc) => (doc.graph.edges.find((e) => e.id === 'e4')!.source.port = 'x')))).toContain("known-labels: the 'known' port of latent y takes one class index per example; 'x' of mnist holds 784 unit values");
  });

  it('refuses a partial label column read by a network or observed as if every row had one, naming the reader', () => {
    const intoEncoder = m2((doc) => doc.graph.edges.push({ id: 'leak', source: { node: 'mnist', port: 'label' }, target: { node: 'encoder', port: 'in' } }));
    expect(errors(intoEncoder)).toEqual([
      "known-labels: MLP encoder reads mnist's label, which is unknown (−1) on the unlabelled rows, as if every row had one: wire it to the 'known' port of a latent Categorical observed where known, or set mnist's unlabelled examples to drop",
    ]);
    const classifier = loadExample('classifier-mnist');
    classifier.graph.nodes[0]!.params = { ...classifier.graph.nodes[0]!.params, labelled: 1000 };
    expect(errors(classifier)).toEqual([
      "known-labels: observed label reads mnist's label, which is unknown (−1) on the unlabelled rows, as if every row had one: wire it to the 'known' port of a latent Categorical observed where known, or set mnist's unlabelled examples to drop",
    ]);
    // Dropping the unlabelled examples leaves a plain supervised subset: every row has its label.
    classifier.graph.nodes[0]!.params.unlabelled = 'drop';
    expect(errors(classifier)).toEqual([]);
  });

  it('checks the MNIST node\'s label settings, naming it', () => {
    expect(errors(m2((_, node) => (node('mnist').params.limit = 500)))).toContain('invalid-param: MNIST mnist keeps 1,000 labels but has 500 training images');
    expect(errors(m2((_, node) => (node('mnist').params.unlabelled = 'drop')))).toContain('invalid-param: MNIST mnist: labelled rows per batch apply when some examples are unlabelled, but the unlabelled examples are dropped, so every row is labelled');
    expect(errors(m2((_, node) => delete node('mnist').params.labelled))).toContain('invalid-param: MNIST mnist: labelled rows per batch apply when some examples are unlabelled, but every training example is labelled (set how many are labelled)');
  });

  it('refuses free bits with a latent observed where known, naming it', () => {
    expect(errors(m2((doc) => (doc.training.objective = { ...doc.training.objective, freeBits: 0.5 } as GraphFile['training']['objective'])))).toContain('estimator-objective: free bits clamp a KL averaged over the batch, and latent y is observed on the labelled rows (no KL there): set free bits to 0');
  });

  it('summarises the settings on the canvas', () => {
    const mnist = getKind('data.mnist')!;
    expect(mnist.summary(mnist.params.parse({ labelled: 1000 }))).toBe('MNIST binarized, 60000 train (1000 labelled) / 10,000 test');
    expect(mnist.summary(mnist.params.parse({ labelled: 1000, unlabelled: 'drop' }))).toBe('MNIST binarized, 1000 labelled train / 10,000 test');
    const cat = getKind('dist.categorical')!;
    expect(cat.summary(cat.params.parse({ role: 'latent', size: 10, observedWhereKnown: true, classificationWeight: 50 }))).toBe('Categorical [10], latent, observed where known (α = 50)');
  });
});
