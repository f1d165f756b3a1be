import { useMemo, useRef } from 'react';
import { useEditor } from '../store/use-editor';
import { buildEdgeData, sameView } from './buildViews';
import type { StudioEdge, StudioEdgeData } from './flowTypes';

/** The React Flow edges of the document, labelled with the shape they carry; data kept while unchanged. */
export function useFlowEdges(): StudioEdge[] {
  const docEdges = useEditor((s) => s.edges);
  const graph = useEditor((s) => s.graph);
  const analysis = useEditor((s) => s.analysis);
  const problems = useEditor((s) => s.problems);
  const selected = useEditor((s) => s.selectedEdgeIds);
  const cache = useRef(new Map<string, StudioEdgeData>());
  const data = useMemo(() => buildEdgeData(graph, analysis, problems), [graph, analysis, problems]);
  return useMemo(() => {
    const chosen = new Set(selected);
    const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
    const name = (id: string) => names.get(id) ?? id;
    const next = new Map<string, StudioEdgeData>();
    const out = docEdges.map((e): StudioEdge => {
      const fresh = data.get(e.id) ?? { label: null, flow: null, problem: null };
      const old = cache.current.get(e.id);
      const d = old && sameView(old, fresh) ? old : fresh;
      next.set(e.id, d);
      return {
        id: e.id,
        type: 'shape',
        source: e.source.node,
        sourceHandle: e.source.port,
        target: e.target.node,
        targetHandle: e.target.port,
        data: d,
        selected: chosen.has(e.id),
        ariaLabel: `edge from ${e.source.port} of ${name(e.source.node)} to ${e.target.port} of ${name(e.target.node)}${d.label ? `, ${d.label}` : ''}`,
      };
    });
    cache.current = next;
    return out;
  }, [docEdges, data, selected, graph]);
}
