import { getKind } from './catalog/index';
import type { Graph } from './document';

/**
 * What a graph trains on, as one string: its data node's kind and settings (keys sorted), e.g.
 * `data.mnist {"binarize":true,"limit":null}`. Two runs with the same string read the same data
 * set, so their curves are worth overlaying; undefined when the graph has no data node.
 */
export function dataIdentity(graph: Pick<Graph, 'nodes'>): string | undefined {
  const node = graph.nodes.find((n) => getKind(n.kind)?.category === 'data');
  return node ? `${node.kind} ${stableJson(node.params)}` : undefined;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}
