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
    // A text node's columns are views of one sentence or document (its ids, length, bag of words,
    // sequence with its end): where one of them is observed, the others are written as that variable.
    for (const id of analysis.order) {
      const a = analysis.nodes.get(id)!;
      if (a.node.kind !== 'data.text' && a.node.kind !== 'data.mobyDick') continue;
      const observed = TEXT_COLUMNS.map((c) => this.dataNames.get(`${id}.${c}`)).find((s) => s !== undefined);
      if (observed) for (const c of TEXT_COLUMNS) if (!this.dataNames.has(`${id}.${c}`)) this.dataNames.set(`${id}.${c}`, observed);
    }
  }

  /** The symbol of a data column: the observed variable bound to it, else the column's port name. */
  dataSymbol(nodeId: string, port: string): string {
    return this.dataNames.get(`${nodeId}.${port}`) ?? symbol(port);
  }

  /** The words before position t that a GRU decoder reads: x_{<t}, x the sentence it is taught (its tokens). */
  private pastOf(net: AnalyzedNode): string {
    const tokens = net.inputs.tokens?.[0];
    const x = tokens ? this.dataSymbol(tokens.sourceNodeId, tokens.sourcePort) : 'x';
    return `${x}_{<t}`;
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
    // The inputs written as arguments: a sequence network's tokens (an encoder's length is part of
    // its sentence), a GRU decoder's code z and then the words before position t, which are the
    // observed sentence's own (so not in the conditioning set: p(x | z) = Π_t p(x_t | z, x_{<t})).
    const port = INPUT_PORT[net.node.kind] ?? 'in';
    const args = (net.inputs[port] ?? []).map((i) => this.of(i));
    const name = symbol(net.node.name);
    // A MADE always has two heads (shift, logScale).
    const fn = net.node.kind === 'network.made' || (net.params.heads?.length ?? 1) > 1 ? `${name}_{${symbol(head)}}` : name;
    const past = net.node.kind === 'network.gruDecoder' ? this.pastOf(net) : null;
    return {
      latex: `${fn}(${[...args.map((a) => a.latex), ...(past ? [past] : [])].join(', ')})`,
      given: unique(args.flatMap((a) => a.given)),
      nodeIds: unique([net.node.id, ...args.flatMap((a) => a.nodeIds)]),
    };
  }
}

/** The columns of a text data node, one sentence or document seen several ways. */
const TEXT_COLUMNS = ['tokens', 'length', 'counts', 'sequence'];

/** The port whose inputs a network's function is written of (an MLP's and a MADE's 'in' otherwise). */
const INPUT_PORT: Readonly<Record<string, string>> = {
  'network.embedding': 'tokens',
  'network.gruEncoder': 'tokens',
  'network.gruDecoder': 'z',
};

export function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
