import { useCallback, useMemo, useRef, useState } from 'react';
import type { NodeChange } from '@xyflow/react';
import { useEditor } from '../store/use-editor';
import { buildNodeViews, sameView } from './buildViews';
import type { NodeView, StudioNode, StudioNodeData } from './flowTypes';

type Size = { readonly width: number; readonly height: number };

/** How a node is announced to assistive technology: kind, name, summary, problems. */
function ariaLabelOf(view: NodeView): string {
  const problems = [view.errors ? `${view.errors} error${view.errors === 1 ? '' : 's'}` : '', view.warnings ? `${view.warnings} warning${view.warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ');
  // The estimator badge is hidden from assistive technology; what it says is said here instead.
  const estimator = view.estimator ? `; ${view.estimator.badge}` : '';
  return `${view.kindName} ${view.name}${view.role ? `, ${view.role}` : ''}: ${view.summary}${estimator}${problems ? `; ${problems}` : ''}`;
}

/**
 * The React Flow nodes of the document: position and selection from the store, the view from the
 * analysis, and the sizes React Flow measured (kept here, since the store has no use for them).
 * A node's data object is kept while its view is unchanged, so memoised nodes do not re-render.
 */
export function useFlowNodes(): { nodes: StudioNode[]; sizes: ReadonlyMap<string, Size>; applySizes: (changes: readonly NodeChange<StudioNode>[]) => void } {
  const docNodes = useEditor((s) => s.nodes);
  const graph = useEditor((s) => s.graph);
  const analysis = useEditor((s) => s.analysis);
  const problems = useEditor((s) => s.problems);
  const selected = useEditor((s) => s.selectedNodeIds);
  const [sizes, setSizes] = useState<ReadonlyMap<string, Size>>(new Map());
  const dataCache = useRef(new Map<string, StudioNodeData>());

  const views = useMemo(() => buildNodeViews(graph, analysis, problems), [graph, analysis, problems]);

  const nodes = useMemo(() => {
    const chosen = new Set(selected);
    const cache = dataCache.current;
    const next = new Map<string, StudioNodeData>();
    const out = docNodes.flatMap((n): StudioNode[] => {
      const view = views.get(n.id);
      if (!view) return [];
      const old = cache.get(n.id);
      const data = old && sameView(old.view, view) ? old : { view };
      next.set(n.id, data);
      const size = sizes.get(n.id);
      return [
        {
          id: n.id,
          type: view.category,
          position: n.position,
          data,
          selected: chosen.has(n.id),
          ariaLabel: ariaLabelOf(view),
          ...(size ? { measured: { width: size.width, height: size.height } } : {}),
        },
      ];
    });
    dataCache.current = next;
    return out;
  }, [docNodes, views, selected, sizes]);

  const applySizes = useCallback((changes: readonly NodeChange<StudioNode>[]) => {
    const measured = changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions ? [{ id: c.id, ...c.dimensions }] : []));
    if (measured.length === 0) return;
    setSizes((sizes) => {
      let next: Map<string, Size> | null = null;
      for (const m of measured) {
        const old = sizes.get(m.id);
        if (old && old.width === m.width && old.height === m.height) continue;
        next ??= new Map(sizes);
        next.set(m.id, { width: m.width, height: m.height });
      }
      return next ?? sizes;
    });
  }, []);

  return { nodes, sizes, applySizes };
}
