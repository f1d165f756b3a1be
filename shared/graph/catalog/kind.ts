import type { z } from 'zod';
import type { GraphNode } from '../document';
import type { ProblemList } from '../problems';
import type { Flow, ValueType } from '../values';
import type { FamilySpec } from './random-variable';

export type Category = 'data' | 'network' | 'distribution' | 'parameter';

/** A port of a node kind: what it takes or gives, and the rule its shape follows. */
export interface PortSpec {
  readonly name: string;
  readonly direction: 'in' | 'out';
  /** Input ports: the flows they accept. */
  readonly accepts?: readonly Flow[];
  /** Output ports: the flow they give. */
  readonly flow?: Flow;
  /** Input ports: several edges may enter (their values are concatenated). */
  readonly multiple?: boolean;
  /** Input ports: the node cannot be compiled without it. */
  readonly required?: boolean;
  /** One line: what flows here. */
  readonly description: string;
  /** The shape rule, e.g. "[n], n = sum of input widths". */
  readonly shape: string;
}

/** An edge arriving at an input port, with the type of what it carries. */
export interface Incoming {
  readonly edgeId: string;
  readonly sourceNodeId: string;
  readonly sourcePort: string;
  /** How a message names the source, e.g. "head 'logits' of decoder". */
  readonly sourceLabel: string;
  readonly type: ValueType;
}

/** What a kind's inference step sees. */
export interface InferContext<P> {
  readonly node: GraphNode;
  readonly params: P;
  /** Incoming edges per input port (only ports with at least one edge appear). */
  readonly inputs: Readonly<Record<string, readonly Incoming[]>>;
  readonly problems: ProblemList;
}

/**
 * A node kind of the catalog: ports, parameters (a zod schema with defaults and limits, which the
 * inspector renders), a one-line description, and shape inference from its inputs to its outputs.
 */
export interface NodeKind<P = unknown> {
  readonly kind: string;
  readonly displayName: string;
  readonly category: Category;
  readonly description: string;
  readonly params: z.ZodType<P>;
  /** The ports of a node with these params (heads and roles change them). */
  ports(params: P): readonly PortSpec[];
  /** Output types from input types; reports problems about this node through ctx.problems. */
  infer(ctx: InferContext<P>): Record<string, ValueType>;
  /** A one-line summary for the canvas, e.g. "MLP 784→400→{loc 20, scale 20}". */
  summary(params: P, inputWidth?: number | null): string;
  /** How messages name an output of a node of this kind. */
  describeOutput(port: string, nodeName: string): string;
  /** Random variables: their family's table (support, parameter ports, estimators), read everywhere. */
  readonly family?: FamilySpec<any>;
}

/** Builds a NodeKind with a typed params schema (keeps the catalog's entries type-checked). */
export function defineKind<P>(kind: NodeKind<P>): NodeKind<P> {
  return kind;
}

/** Default wording: "'x' of mnist". */
export function describePortOf(port: string, nodeName: string): string {
  return `'${port}' of ${nodeName}`;
}
