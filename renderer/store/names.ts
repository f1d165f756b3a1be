import { getKind } from '../../shared/graph/index';

/** Node names are at most this long (the document schema's limit). */
const MAX_NAME = 100;

/**
 * `wanted` if it is free, else the next free `base_2`, `base_3`, … where `base` is `wanted` without
 * a trailing `_n` (so copying `z_2` gives `z_3`, not `z_2_2`).
 */
export function uniqueName(wanted: string, taken: ReadonlySet<string>): string {
  if (!taken.has(wanted)) return wanted;
  const m = /^(.+)_(\d+)$/.exec(wanted);
  const base = m ? m[1]! : wanted;
  for (let n = m ? Number(m[2]) + 1 : 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = base.slice(0, MAX_NAME - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A fresh edge id `e<n>`, counting on from the number of edges so ids are rarely reused. */
export function freshEdgeId(taken: ReadonlySet<string>, start: number): string {
  for (let n = Math.max(1, start); ; n++) if (!taken.has(`e${n}`)) return `e${n}`;
}

const DATA_NAMES: Readonly<Record<string, string>> = {
  'data.mnist': 'mnist',
  'data.twoMoons': 'moons',
  'data.gaussianMixture': 'blobs',
  'data.csv': 'table',
  'data.text': 'text',
  'data.mobyDick': 'text',
  'data.counts': 'counts',
  'data.noisySine': 'sine',
  'param.constant': 'const',
  'param.learnable': 'param',
  'network.made': 'made',
  'network.embedding': 'embedding',
  'flow.affine': 'step',
  'flow.iaf': 'step',
};

/**
 * The name a new node starts with, in the notation of the VI tutorial: a latent is `z`, an observed
 * variable `x` (`y` for class labels), an approximate posterior `q_z`; the first two networks are
 * `encoder` and `decoder` (the VAE most people draw first), later ones `net`.
 */
export function baseName(kind: string, params: Readonly<Record<string, unknown>>, taken: ReadonlySet<string>): string {
  const fixed = DATA_NAMES[kind];
  if (fixed) return fixed;
  const category = getKind(kind)?.category;
  // A GRU encoder or decoder is named for what it is whatever was drawn first.
  if (kind === 'network.gruEncoder') return 'encoder';
  if (kind === 'network.gruDecoder') return 'decoder';
  if (category === 'network') return !taken.has('encoder') ? 'encoder' : !taken.has('decoder') ? 'decoder' : 'net';
  if (category === 'distribution') {
    if (params.role === 'observed') return kind === 'dist.categorical' ? 'y' : 'x';
    if (params.role === 'posterior') return 'q_z';
    return 'z';
  }
  return kind.split('.').pop() || 'node';
}
