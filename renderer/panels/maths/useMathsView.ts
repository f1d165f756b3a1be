import { useMemo } from 'react';
import { markedMathsOfAnalysis } from '../../../shared/maths/index';
import { useEditor } from '../../store/use-editor';
import { mathsView, type MathsView } from './maths-view';

/**
 * The panel's content, from the document as it is: the store's analysis (made from the graph and
 * the training settings, again only when either changes) and the objective settings. Selecting,
 * dragging or panning changes neither, so they recompute nothing.
 */
export function useMathsView(): MathsView {
  const graph = useEditor((s) => s.graph);
  const analysis = useEditor((s) => s.analysis);
  const objective = useEditor((s) => s.training.objective);
  return useMemo(() => mathsView(graph, markedMathsOfAnalysis(analysis, objective)), [graph, analysis, objective]);
}
