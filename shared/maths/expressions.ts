import type { Analysis, AnalyzedNode } from '../graph/analyze';
import type { Incoming } from '../graph/catalog/kind';
import { num, symbol } from './latex';

/** A value written as LaTeX, with what it depends on. */
export interface Expression {
  readonly latex: string;
  /** The random variables and data inputs it depends on (their symbols, first appearance first): a factor's conditioning set. */
  readonly given: readonly string[];
  /** The nodes that compute it (networks, parameters, constants), for highlighting. */
  readonly nodeIds: readonly string[];
  /** A number from the settings or a constant node, when it is one (N(0, I) is written from these). */
  readonly constant?: number;
}

/**
 * Writes the values flowing in a graph as the tutorial would: a data column as the variable that
 * observes it (x), else as its port (side information: x into a classifier whose observed variable
 * is the label); a latent's sample as the latent; a network head as a function of its inputs,
 * subscripted with the head when the network has several (encoder_loc(x)); a free parameter by its
 * name; a constant by its value.
 */
export class ExpressionWriter {
  private readonly dataNames = new Map<string, string>();

  constructor(readonly analysis: Analysis) {
    for (const id of analysis.order) {
      const a = analysis.nodes.get(id)!;
      const bound = a.kind.category === 'distribution' && a.params.role === 'observed' ? a.inputs.value?.[0] : undefined;
      const key = bound ? `${bound.sourceNodeId}.${bound.sourcePort}` : undefined;
      if (key && !this.dataNames.has(key)) this.dataNames.set(key, symbol(a.node.name));
    }
  }

  /** The symbol of a data column: the observed variable bound to it, else the column's port name. */
  dataSymbol(nodeId: string, port: string): string {
    return this.dataNames.get(`${nodeId}.${port}`) ?? symbol(port);
  }

  /** The expression an edge carries into a port. */
  of(inc: Incoming): Expression {
    const src = this.analysis.nodes.get(inc.sourceNodeId)!;
    switch (src.kind.category) {
      case 'data': {
        const s = this.dataSymbol(src.node.id, inc.sourcePort);
        // A data column is a variable (x), like a latent's sample, not something computed: no node to highlight for it.
        return { latex: s, given: [s], nodeIds: [] };
      }
      case 'distribution':
        // Only a latent's 'sample' output carries a value (a posterior's 'q' goes to its latent, not here).
        return { latex: symbol(src.node.name), given: [symbol(src.node.name)], nodeIds: [] };
      case 'parameter':
        if (src.node.kind === 'param.constant') return { latex: num(src.params.value), given: [], nodeIds: [src.node.id], constant: src.params.value };
        return { latex: symbol(src.node.name), given: [], nodeIds: [src.node.id] };
      case 'network':
        return this.network(src, inc.sourcePort);
    }
  }

  private network(net: AnalyzedNode, head: string): Expression {
    const args = (net.inputs.in ?? []).map((i) => this.of(i));
    const name = symbol(net.node.name);
    // A MADE always has two heads (shift, logScale).
    const fn = net.node.kind === 'network.made' || (net.params.heads?.length ?? 1) > 1 ? `${name}_{${symbol(head)}}` : name;
    return {
      latex: `${fn}(${args.map((a) => a.latex).join(', ')})`,
      given: unique(args.flatMap((a) => a.given)),
      nodeIds: unique([net.node.id, ...args.flatMap((a) => a.nodeIds)]),
    };
  }
}

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
