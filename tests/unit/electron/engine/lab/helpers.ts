import { BaselineStates } from '../../../../../electron/engine/estimators/baseline-state';
import type { EstimatorResult, LabReport, LabSubject } from '../../../../../electron/engine/lab/lab';
import { prepareTraining } from '../../../../../electron/engine/train/trainer';
import { loadExample, type ExampleName } from '../../../../helpers/examples';
import type { GraphFile } from '../../../../../shared/graph/index';

/** A template at initialisation (step 0, no running baselines), made small by `shrink`. */
export function subjectOf(name: ExampleName, shrink: (doc: GraphFile, node: (id: string) => GraphFile['graph']['nodes'][number]) => void = () => {}): LabSubject {
  const doc = loadExample(name);
  shrink(doc, (id) => doc.graph.nodes.find((n) => n.id === id)!);
  const p = prepareTraining(doc, process.cwd());
  return { doc, data: p.data, model: p.model, step: 0, baselines: new BaselineStates() };
}

/** The result row of a label ("relaxed τ = 0.1"), or a failure naming the rows there are. */
export function row(r: LabReport, label: string): EstimatorResult {
  const found = r.results.find((x) => x.label === label);
  if (!found) throw new Error(`no row '${label}' in ${r.results.map((x) => x.label).join(', ')}`);
  return found;
}
