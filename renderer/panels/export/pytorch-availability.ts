import { analyzeGraph, parseGraphFile, pytorchRefusal } from '../../../shared/graph/index';

/**
 * Why the PyTorch export cannot write a run's graph (the back end's own rule, so the dialog says
 * it before Download is pressed), or null when it can or when the graph is not known here yet (the
 * back end then refuses with the same words).
 */
export function pytorchUnavailable(graphText: string | undefined): string | null {
  if (graphText === undefined) return null;
  try {
    const doc = parseGraphFile(graphText);
    return pytorchRefusal(analyzeGraph(doc.graph, {}, doc.training), doc.training)?.message ?? null;
  } catch {
    return null;
  }
}
