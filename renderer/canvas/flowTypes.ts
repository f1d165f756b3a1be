import type { Edge, Node } from '@xyflow/react';
import type { Category } from '../../shared/graph/index';

/** The worst problem on a node or port, with every message about it. */
export interface ProblemMark {
  readonly severity: 'error' | 'warning';
  readonly messages: readonly string[];
}

/** A port as a node draws it: a labelled handle with its shape rule and inferred shape. */
export interface PortView {
  readonly name: string;
  readonly direction: 'in' | 'out';
  readonly description: string;
  /** The kind's shape rule, e.g. "[n], n = sum of input widths". */
  readonly shape: string;
  /** Output ports: the inferred shape, e.g. "[784]" (null before inference reaches the node). */
  readonly inferred: string | null;
  readonly required: boolean;
  readonly multiple: boolean;
  readonly connected: boolean;
  readonly problem: ProblemMark | null;
}

/** Everything a node component draws, computed once per document change (nodes stay pure). */
export interface NodeView {
  readonly nodeId: string;
  readonly name: string;
  /** The catalog kind's display name ("MLP"), or the raw kind id when this version does not know it. */
  readonly kindName: string;
  readonly category: Category | 'unknown';
  /** kind.summary(params, inputWidth), e.g. "MLP 784→400→{loc 20, scale 20}". */
  readonly summary: string;
  /** Distributions only: "observed", "latent" or "posterior". */
  readonly role: string | null;
  /** Latents only: the gradient estimator they train with, as the badge says it ("reparam.", "score fn · moving avg", "Gumbel τ=1", …). */
  readonly estimator: { readonly badge: string; readonly title: string } | null;
  readonly inputs: readonly PortView[];
  readonly outputs: readonly PortView[];
  readonly errors: number;
  readonly warnings: number;
  /** Messages of the problems about the node itself (not one of its ports). */
  readonly messages: readonly string[];
}

/** The data a canvas node carries: its view, nothing else (callbacks live in the store). */
export type StudioNodeData = { view: NodeView };

/** A React Flow node of Latent Studio; its type is the category (one component per category). */
export type StudioNode = Node<StudioNodeData, Category | 'unknown'>;

/** What an edge shows: the shape of the value it carries, and whether a problem points at it. */
export type StudioEdgeData = { label: string | null; flow: string | null; problem: ProblemMark | null };

/** A React Flow edge of Latent Studio. */
export type StudioEdge = Edge<StudioEdgeData, 'shape'>;
