import { memo } from 'react';
import { getKind, type Graph, type Layout } from '../../../shared/graph/index';

/** Props of {@link GraphThumbnail}. */
export interface GraphThumbnailProps {
  readonly graph: Graph;
  readonly layout: Layout;
  /** Accessible description, e.g. "6 nodes, 7 edges". */
  readonly label?: string;
}

const W = 170;
const H = 70;

/** A small SVG of a graph: a box per node at its layout position in its category's colour, a curve per edge. */
export const GraphThumbnail = memo(function GraphThumbnail({ graph, layout, label }: GraphThumbnailProps) {
  const pos = new Map(graph.nodes.map((n, i) => [n.id, layout.nodes[n.id] ?? { x: (i % 4) * 240, y: Math.floor(i / 4) * 140 }]));
  const xs = [...pos.values()].map((p) => p.x);
  const ys = [...pos.values()].map((p) => p.y);
  const pad = 30;
  const minX = Math.min(0, ...xs) - pad;
  const minY = Math.min(0, ...ys) - pad;
  const width = Math.max(...xs, 0) + W + pad - minX;
  const height = Math.max(...ys, 0) + H + pad - minY;
  return (
    <svg className="thumbnail" viewBox={`${minX} ${minY} ${width} ${height}`} role="img" aria-label={label ?? `${graph.nodes.length} nodes, ${graph.edges.length} edges`} preserveAspectRatio="xMidYMid meet">
      {graph.edges.map((e) => {
        const s = pos.get(e.source.node);
        const t = pos.get(e.target.node);
        if (!s || !t) return null;
        const x1 = s.x + W;
        const y1 = s.y + H / 2;
        const x2 = t.x;
        const y2 = t.y + H / 2;
        const dx = Math.max(40, Math.abs(x2 - x1) / 2);
        return <path key={e.id} className="thumbnail__edge" d={`M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`} />;
      })}
      {graph.nodes.map((n) => {
        const p = pos.get(n.id)!;
        const category = getKind(n.kind)?.category ?? 'unknown';
        return (
          <g key={n.id} transform={`translate(${p.x} ${p.y})`}>
            <rect className={`thumbnail__node thumbnail__node--${category}`} width={W} height={H} rx={12} />
            <rect className={`thumbnail__band thumbnail__band--${category}`} width={W} height={18} rx={9} />
            <text className="thumbnail__text" x={W / 2} y={H / 2 + 14} textAnchor="middle">
              {n.name.length > 12 ? `${n.name.slice(0, 11)}…` : n.name}
            </text>
          </g>
        );
      })}
    </svg>
  );
});
