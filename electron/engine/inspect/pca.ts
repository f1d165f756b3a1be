/**
 * The first two principal components of a small matrix, in plain float64 JavaScript: latents are
 * tens of dimensions and a panel shows at most a few thousand points, so a d × d covariance and
 * power iteration with deflation are cheap, exact enough and need no tensors.
 */

export interface Pca2 {
  /** Each row projected on the two components, `n × 2` row-major. */
  readonly points: Float32Array;
  /** The two unit principal directions, each of length d. */
  readonly components: readonly [Float64Array, Float64Array];
  /** The share of the total variance along each component (0 when the data do not vary). */
  readonly explained: [number, number];
}

/**
 * Principal components of the rows of `data` (`n × d`, row-major), centred, population covariance.
 * Each component's sign is fixed so its largest entry is positive, making the map stable across
 * calls. With d = 1 the second component is zero.
 */
export function pca2(data: ArrayLike<number>, n: number, d: number, iterations = 500): Pca2 {
  if (n < 1 || d < 1 || data.length !== n * d) throw new Error(`pca2: expected ${n} × ${d} values, got ${data.length}`);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]! / n;
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = data[i * d + j]! - mean[j]!;
    for (let j = 0; j < d; j++) for (let k = j; k < d; k++) cov[j * d + k]! += (row[j]! * row[k]!) / n;
  }
  for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) cov[j * d + k] = cov[k * d + j]!;
  let total = 0;
  for (let j = 0; j < d; j++) total += cov[j * d + j]!;

  const first = topEigen(cov, d, iterations);
  // Deflate: remove the first component's variance, so power iteration finds the second.
  for (let j = 0; j < d; j++) for (let k = 0; k < d; k++) cov[j * d + k]! -= first.value * first.vector[j]! * first.vector[k]!;
  const second = d > 1 ? topEigen(cov, d, iterations) : { value: 0, vector: new Float64Array(d) };

  const points = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    let a = 0;
    let b = 0;
    for (let j = 0; j < d; j++) {
      const c = data[i * d + j]! - mean[j]!;
      a += c * first.vector[j]!;
      b += c * second.vector[j]!;
    }
    points[2 * i] = a;
    points[2 * i + 1] = b;
  }
  const share = (v: number): number => (total > 0 ? Math.max(0, v) / total : 0);
  return { points, components: [first.vector, second.vector], explained: [share(first.value), share(second.value)] };
}

/** The largest eigenpair of a symmetric positive semi-definite matrix, by power iteration. */
function topEigen(m: Float64Array, d: number, iterations: number): { value: number; vector: Float64Array } {
  // A fixed, uneven start: deterministic, and unlikely to be orthogonal to the top eigenvector.
  let v: Float64Array = Float64Array.from({ length: d }, (_, j) => 1 + j / d);
  normalise(v);
  let value = 0;
  for (let it = 0; it < iterations; it++) {
    const w = multiply(m, v, d);
    const norm = normalise(w);
    if (norm === 0) return { value: 0, vector: new Float64Array(d) };
    const change = w.reduce((s, x, j) => s + Math.abs(x - v[j]!), 0);
    v = w;
    value = norm;
    if (change < 1e-12) break;
  }
  // The Rayleigh quotient is the eigenvalue even where the iteration has not fully converged.
  const mv = multiply(m, v, d);
  value = v.reduce((s, x, j) => s + x * mv[j]!, 0);
  let largest = 0;
  for (let j = 1; j < d; j++) if (Math.abs(v[j]!) > Math.abs(v[largest]!)) largest = j;
  if (v[largest]! < 0) for (let j = 0; j < d; j++) v[j] = -v[j]!;
  return { value, vector: v };
}

function multiply(m: Float64Array, v: Float64Array, d: number): Float64Array {
  const out = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += m[j * d + k]! * v[k]!;
    out[j] = s;
  }
  return out;
}

/** Scales `v` to unit length in place; returns its former length. */
function normalise(v: Float64Array): number {
  let squares = 0;
  for (let j = 0; j < v.length; j++) squares += v[j]! * v[j]!;
  const norm = Math.sqrt(squares);
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j] = v[j]! / norm;
  return norm;
}
