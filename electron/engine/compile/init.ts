import type { Rng } from '../random/prng';

/**
 * Glorot (Xavier) uniform initial weights, U(−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut))), drawn from
 * the engine's own seeded generator so that a seed gives the same network on every backend.
 */
export function glorotUniform(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < out.length; i++) out[i] = (2 * rng.next() - 1) * limit;
  return out;
}
