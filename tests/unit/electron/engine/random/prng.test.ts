import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed, rngFromState, shuffleInPlace, type Rng } from '../../../../../electron/engine/random/prng';

const draws = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.next());

function meanVar(xs: ArrayLike<number>): { mean: number; variance: number } {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  const mean = s / xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += ((xs[i] as number) - mean) ** 2;
  return { mean, variance: v / (xs.length - 1) };
}

describe('createRng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draws(createRng(42), 100)).toEqual(draws(createRng(42), 100));
  });

  it('gives different sequences for neighbouring seeds', () => {
    const a = draws(createRng(0), 10);
    const b = draws(createRng(1), 10);
    const c = draws(createRng(-1), 10);
    expect(a).not.toEqual(b);
    expect(a).not.toEqual(c);
    expect(b).not.toEqual(c);
  });

  it('is stable across versions (a change here breaks reproducibility of saved runs)', () => {
    const rng = createRng(2024);
    expect([rng.uint32(), rng.uint32(), rng.uint32()]).toEqual([519873952, 574591052, 1673170457]);
  });

  it('rejects seeds that are not safe integers instead of silently truncating them', () => {
    expect(() => createRng(0.5)).toThrow(RangeError);
    expect(() => createRng(Number.NaN)).toThrow(RangeError);
    expect(() => createRng(2 ** 60)).toThrow(RangeError);
  });

  it('accepts seeds beyond 32 bits and keeps them distinct', () => {
    expect(draws(createRng(2 ** 32), 5)).not.toEqual(draws(createRng(0), 5));
  });
});

describe('sfc32 core', () => {
  /** An independent transcription of PractRand's sfc32 (as widely copied in JavaScript). */
  function referenceSfc32(a: number, b: number, c: number, d: number): () => number {
    return () => {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = ((c << 21) | (c >>> 11)) + t;
      c |= 0;
      return t >>> 0;
    };
  }

  it('matches the reference sfc32 output from the same state', () => {
    const state = [0xdeadbeef, 0x12345678, 0x0badf00d, 1];
    const ref = referenceSfc32(state[0]!, state[1]!, state[2]!, state[3]!);
    const ours = rngFromState([...state, 0, 0]);
    for (let i = 0; i < 1000; i++) expect(ours.uint32()).toBe(ref());
    const small = rngFromState([1, 2, 3, 4, 0, 0]);
    expect([small.uint32(), small.uint32(), small.uint32(), small.uint32(), small.uint32()]).toEqual([7, 34, 56623200, 188882296, 3431242869]);
  });
});

describe('getState / rngFromState', () => {
  it('continues exactly where the state was taken, including a pending normal spare', () => {
    const rng = createRng(7);
    draws(rng, 13);
    rng.normal(); // leaves the second Box–Muller value cached
    const restored = rngFromState(JSON.parse(JSON.stringify(rng.getState())) as number[]);
    const mixed = (r: Rng): number[] => Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? r.next() : i % 3 === 1 ? r.normal() : r.int(17)));
    expect(mixed(restored)).toEqual(mixed(rng));
  });

  it('does not share state with the generator it was copied from', () => {
    const rng = createRng(9);
    const copy = rngFromState(rng.getState());
    rng.next();
    expect(copy.getState()).not.toEqual(rng.getState());
  });

  it('rejects malformed states', () => {
    expect(() => rngFromState([1, 2, 3])).toThrow(/6 numbers/);
    expect(() => rngFromState([1, 2, 3, -4, 0, 0])).toThrow(/word 3/);
    expect(() => rngFromState([1, 2, 3, 2 ** 32, 0, 0])).toThrow(/word 3/);
    expect(() => rngFromState([1, 2, 3, 4, 2, 0])).toThrow(/hasSpare/);
    expect(() => rngFromState([1, 2, 3, 4, 1, Number.NaN])).toThrow(/spare/);
  });
});

describe('distributions (1e5 draws)', () => {
  const N = 100_000;

  it('next() is uniform on [0, 1): mean 1/2, variance 1/12', () => {
    const rng = createRng(1);
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = rng.next();
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const { mean, variance } = meanVar(xs);
    // Standard errors: 0.0009 for the mean, 0.0002 for the variance; tolerances are ~5 of them.
    expect(mean).toBeCloseTo(0.5, 2);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.001);
  });

  it('normal() has mean 0, variance 1 and the normal tail mass', () => {
    const rng = createRng(2);
    const xs = new Float64Array(N);
    for (let i = 0; i < N; i++) xs[i] = rng.normal();
    const { mean, variance } = meanVar(xs);
    expect(Math.abs(mean)).toBeLessThan(0.015);
    expect(Math.abs(variance - 1)).toBeLessThan(0.025);
    const beyond2 = xs.filter((x) => Math.abs(x) > 2).length / N;
    expect(Math.abs(beyond2 - 0.0455)).toBeLessThan(0.004);
  });

  it('int(n) stays in 0..n-1 and is roughly uniform (chi-square)', () => {
    const rng = createRng(3);
    const n = 10;
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < N; i++) {
      const k = rng.int(n);
      if (!(Number.isInteger(k) && k >= 0 && k < n)) expect.unreachable(`int(${n}) gave ${k}`);
      counts[k] = (counts[k] as number) + 1;
    }
    const expected = N / n;
    const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(27.9); // p = 0.001 for 9 degrees of freedom
  });

  it('int(n) handles n = 1 and n = 2^32, and rejects invalid n', () => {
    const rng = createRng(4);
    expect(rng.int(1)).toBe(0);
    const big = rng.int(2 ** 32);
    expect(big >= 0 && big < 2 ** 32 && Number.isInteger(big)).toBe(true);
    for (const bad of [0, -1, 1.5, 2 ** 32 + 1, Number.NaN]) expect(() => rng.int(bad)).toThrow(RangeError);
  });
});

describe('deriveSeed', () => {
  it('is deterministic and returns an unsigned 32-bit integer', () => {
    const s = deriveSeed(123, 456, 7);
    expect(s).toBe(deriveSeed(123, 456, 7));
    expect(Number.isInteger(s) && s >= 0 && s < 2 ** 32).toBe(true);
  });

  it('differs for neighbouring inputs, reordered inputs and different arity', () => {
    const seen = new Set<number>();
    for (let a = 0; a < 30; a++) for (let b = 0; b < 30; b++) seen.add(deriveSeed(a, b));
    expect(seen.size).toBe(900);
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(2, 1));
    expect(deriveSeed(1, 2)).not.toBe(deriveSeed(1, 2, 0));
    expect(deriveSeed()).not.toBe(deriveSeed(0));
    expect(deriveSeed(-1)).not.toBe(deriveSeed(2 ** 32 - 1));
    expect(deriveSeed(2 ** 32)).not.toBe(deriveSeed(0));
  });

  it('avalanches: a one-step change of an input flips about half the output bits', () => {
    let flipped = 0;
    const trials = 2000;
    for (let i = 0; i < trials; i++) {
      let x = deriveSeed(5, i) ^ deriveSeed(5, i + 1);
      while (x !== 0) {
        flipped += x & 1;
        x >>>= 1;
      }
    }
    expect(flipped / trials).toBeGreaterThan(15);
    expect(flipped / trials).toBeLessThan(17);
  });

  it('rejects parts that are not safe integers', () => {
    expect(() => deriveSeed(1, 0.5)).toThrow(/part 1/);
  });
});

describe('shuffleInPlace', () => {
  it('permutes arrays and typed arrays deterministically', () => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = Int32Array.from(a);
    shuffleInPlace(a, createRng(11));
    shuffleInPlace(b, createRng(11));
    expect(Array.from(b)).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('makes every permutation of 3 items about equally likely', () => {
    const rng = createRng(12);
    const counts = new Map<string, number>();
    const trials = 60_000;
    for (let t = 0; t < trials; t++) {
      const arr = ['a', 'b', 'c'];
      shuffleInPlace(arr, rng);
      counts.set(arr.join(''), (counts.get(arr.join('')) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    for (const c of counts.values()) expect(Math.abs(c - trials / 6)).toBeLessThan(500); // sd ≈ 91
  });

  it('leaves empty and single-element arrays alone', () => {
    const empty: number[] = [];
    const one = [9];
    shuffleInPlace(empty, createRng(0));
    shuffleInPlace(one, createRng(0));
    expect(empty).toEqual([]);
    expect(one).toEqual([9]);
  });
});
