/**
 * Seeded pseudo-random numbers for everything the engine randomises outside the tensor graph:
 * data shuffles, held-out splits, batch orders, synthetic data sets.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "Small Fast Chaotic" generator from PractRand):
 * 128 bits of state, passes PractRand/BigCrush, and needs only 32-bit integer arithmetic, which
 * JavaScript does fast through `| 0` and `Math.imul`. A 32-bit seed is expanded into the 128-bit
 * state by splitmix32 so that neighbouring seeds (0, 1, 2, ...) give unrelated streams.
 *
 * Reproducibility is the point, so the full state (including a cached Box–Muller spare) is
 * exposed by `getState()` and can be restored exactly with `rngFromState()`.
 */

/** A seeded random number generator. Not cryptographically secure. */
export interface Rng {
  /** A uniform draw from [0, 1) with 32 bits of resolution (multiples of 2^-32; never 1). */
  next(): number;
  /** A standard normal draw (mean 0, variance 1), by the Box–Muller transform. */
  normal(): number;
  /** A uniform integer in 0..n-1, without modulo bias. `n` must be an integer in 1..2^32. */
  int(n: number): number;
  /** A uniform unsigned 32-bit integer: the raw generator output. */
  uint32(): number;
  /**
   * The complete state as plain numbers (JSON-safe): `[a, b, c, d, hasSpare, spare]`.
   * `rngFromState(getState())` continues with exactly the draws this generator would make next.
   */
  getState(): number[];
}

const TWO_POW_32 = 4294967296;

/** Throws unless `x` is a safe integer, so that seeds never silently collapse (0.5 and 0 would both be 0 after `>>> 0`). */
function requireSafeInteger(x: number, what: string): void {
  if (!Number.isSafeInteger(x)) {
    throw new RangeError(`${what} must be a safe integer, got ${String(x)}`);
  }
}

/** One murmur3 block step: mixes the 32-bit word `k` into the running hash `h`. */
function murmurMix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/** The murmur3 finaliser: a bijection on 32-bit words with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Mixes integers into a well-distributed 32-bit seed, e.g. `deriveSeed(runSeed, step, nodeIndex)`.
 *
 * It is murmur3_32 over the parts, each part taken as two 32-bit words (low, high) so that every
 * safe integer, negative ones included, is distinct input; the number of parts is hashed in too,
 * so `deriveSeed(1, 2)` and `deriveSeed(1, 2, 0)` differ.
 *
 * @param parts safe integers (throws RangeError otherwise)
 * @returns an unsigned 32-bit integer
 */
export function deriveSeed(...parts: number[]): number {
  let h = 0x2545f491;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as number;
    requireSafeInteger(p, `deriveSeed part ${i}`);
    h = murmurMix(h, p >>> 0);
    h = murmurMix(h, Math.floor(p / TWO_POW_32) >>> 0);
  }
  h ^= parts.length * 8;
  return fmix32(h);
}

/** splitmix32: a 32-bit counter through a strong finaliser; used only to fill the sfc32 state. */
function splitmix32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    return fmix32(s);
  };
}

class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private hasSpare: boolean;
  private spare: number;

  constructor(a: number, b: number, c: number, d: number, hasSpare: boolean, spare: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    this.hasSpare = hasSpare;
    this.spare = spare;
  }

  /** PractRand's `sfc32::raw32`, step for step. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (((this.c << 21) | (this.c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.uint32() / TWO_POW_32;
  }

  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    // 1 - next() lies in (0, 1], so the logarithm is finite.
    const u1 = 1 - this.next();
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return r * Math.cos(theta);
  }

  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new RangeError(`int(n) needs an integer n in 1..2^32, got ${String(n)}`);
    }
    // Rejection sampling: accept only draws below the largest multiple of n, so every residue is equally likely.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let u = this.uint32();
    while (u >= limit) u = this.uint32();
    return u % n;
  }

  getState(): number[] {
    return [this.a >>> 0, this.b >>> 0, this.c >>> 0, this.d >>> 0, this.hasSpare ? 1 : 0, this.hasSpare ? this.spare : 0];
  }
}

/**
 * A new generator for `seed`. The seed is hashed by `deriveSeed` (a bijection on 32-bit seeds) and
 * expanded by splitmix32 into the 128-bit sfc32 state; the first outputs are discarded so the
 * stream is well mixed from its first draw.
 *
 * @param seed any safe integer (throws RangeError otherwise)
 */
export function createRng(seed: number): Rng {
  requireSafeInteger(seed, 'seed');
  const sm = splitmix32(deriveSeed(seed));
  const rng = new Sfc32(sm(), sm(), sm(), sm(), false, 0);
  for (let i = 0; i < 12; i++) rng.uint32();
  return rng;
}

/**
 * A generator that continues exactly where `getState()` was taken.
 *
 * @param state `[a, b, c, d, hasSpare, spare]` as returned by `Rng.getState()`; throws RangeError when malformed
 */
export function rngFromState(state: readonly number[]): Rng {
  if (state.length !== 6) {
    throw new RangeError(`RNG state must have 6 numbers [a, b, c, d, hasSpare, spare], got ${state.length}`);
  }
  for (let i = 0; i < 4; i++) {
    const w = state[i] as number;
    if (!Number.isInteger(w) || w < 0 || w >= TWO_POW_32) {
      throw new RangeError(`RNG state word ${i} must be an unsigned 32-bit integer, got ${String(w)}`);
    }
  }
  const hasSpare = state[4] as number;
  const spare = state[5] as number;
  if (hasSpare !== 0 && hasSpare !== 1) {
    throw new RangeError(`RNG state hasSpare (index 4) must be 0 or 1, got ${String(hasSpare)}`);
  }
  if (!Number.isFinite(spare)) {
    throw new RangeError(`RNG state spare (index 5) must be a finite number, got ${String(spare)}`);
  }
  return new Sfc32(state[0] as number, state[1] as number, state[2] as number, state[3] as number, hasSpare === 1, spare);
}

/**
 * Shuffles `arr` in place by Fisher–Yates, drawing from `rng`: every permutation is equally likely.
 * Deterministic for a given generator state.
 */
export function shuffleInPlace<T>(arr: T[] | Int32Array | Uint32Array, rng: Rng): void {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = arr[i] as T & number;
    arr[i] = arr[j] as T & number;
    arr[j] = tmp;
  }
}
