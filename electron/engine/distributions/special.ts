import * as tf from '@tensorflow/tfjs';

/**
 * Special functions as tfjs ops, for x > 0: log Γ (`lgamma`), its derivatives ψ = (log Γ)′
 * (`digamma`) and ψ′ (`trigamma`), and log B (`logBeta`). tfjs 4.22 has none of them, and the
 * Beta, Gamma, Kumaraswamy and Weibull families need them in their densities, entropies, means
 * and KLs.
 *
 * Method. Two regimes, split at 6:
 * - z ≥ 6: the asymptotic (Stirling) series, whose coefficients come from the Bernoulli numbers
 *   B₂ = 1/6, B₄ = −1/30, B₆ = 1/42, B₈ = −1/30, B₁₀ = 5/66, …; at z = 6 the first omitted term
 *   is below 1e-10, far under float32 resolution;
 * - x < 6, for ψ, ψ′ and ψ″: the recurrences ψ(x + 1) = ψ(x) + 1/x, ψ′(x + 1) = ψ′(x) − 1/x², …
 *   applied six times, so that the series is evaluated at x + 6 ≥ 6;
 * - x < 6, for log Γ: "log Γ(x + 6) − log(x(x+1)…(x+5))" would cancel two numbers near
 *   log 720 ≈ 6.6 where log Γ vanishes (at 1 and 2) and lose all relative accuracy there. Instead,
 *   the Taylor series log Γ(1 + t) = −γt + Σ_{k≥2} (−1)^k ζ(k) t^k / k with |t| ≤ ½ (25 terms,
 *   truncation error below 2e-9), moved to x by the recurrence in the direction that keeps every
 *   term of one sign (see lgammaForward).
 * Differences that cancel in the plain formulas have their own forms: `logBeta` (log B with one or
 * both arguments large) and `digammaDifference` (ψ(x) − ψ(x + y) for large x).
 *
 * Accuracy in float32 over [1e-3, 1e4] (tested against torch in float64): lgamma within 4e-7
 * relative (next to its zeros too) and trigamma within 3e-7; digamma within 5e-6 relative except
 * within about 1e-2 of its zero x₀ = 1.46163, where ψ(x) ≈ 0.97(x − x₀) and only an absolute
 * error of about 1e-6 is meaningful (the recurrence subtracts two numbers near 2; in float32 the
 * input x itself is only known to 6e-8·x). The tests hold them to 1e-5 relative.
 *
 * Backends. Every op used (Less, Select, Log, Reciprocal/RealDiv, Mul, Add, LogicalAnd, Floor)
 * has a kernel on both cpu and wasm. tfjs's Log1p is not used: its wasm kernel is inaccurate
 * for small arguments; `log1p` below is the replacement.
 *
 * Gradients. Each function is a `tf.customGrad` op: the forward pass, with its branches and
 * `where`s, is not taped (so no NaN from an unselected branch can leak into a gradient), and the
 * gradient is the next function of the family: lgamma′ = digamma, digamma′ = trigamma,
 * trigamma′ = ψ″ (tetragamma, computed the same way). The derivative of ψ″ is not implemented:
 * asking for a fourth derivative of log Γ throws.
 *
 * Shapes. Elementwise; `logBeta` and `digammaDifference` broadcast their two arguments like `tf.add`. Inputs must be
 * float32. Outside x > 0 the results are not meaningful (x = 0 gives lgamma = +∞, digamma = −∞).
 */

/** Euler–Mascheroni constant γ = −ψ(1). */
export const EULER_GAMMA = 0.5772156649015329;

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Arguments below this are shifted up by the recurrence (six steps) before the asymptotic series. */
const SHIFT = 6;

/**
 * The Riemann zeta function ζ(k) for integer k ≥ 2, in float64: the first nine terms of Σ n^−k
 * summed directly, the rest by the Euler–Maclaurin formula at N = 10 (error below 4e-11 for k ≥ 2).
 */
function zeta(k: number): number {
  const N = 10;
  let sum = 0;
  for (let n = 1; n < N; n++) sum += n ** -k;
  const tail =
    N ** (1 - k) / (k - 1) +
    0.5 * N ** -k +
    (k / 12) * N ** (-k - 1) -
    ((k * (k + 1) * (k + 2)) / 720) * N ** (-k - 3) +
    ((k * (k + 1) * (k + 2) * (k + 3) * (k + 4)) / 30240) * N ** (-k - 5);
  return sum + tail;
}

/** Terms of the Taylor series of log Γ(1 + t) around t = 0 (radius of convergence 1). */
const LGAMMA1P_TERMS = 25;

/** c₁ … c_K of log Γ(1 + t) = Σ c_k t^k: c₁ = −γ, c_k = (−1)^k ζ(k)/k. Index 0 is the constant 0. */
const LGAMMA1P_COEFFS: readonly number[] = [
  0,
  -EULER_GAMMA,
  ...Array.from({ length: LGAMMA1P_TERMS - 1 }, (_, i) => {
    const k = i + 2;
    return ((k % 2 === 0 ? 1 : -1) * zeta(k)) / k;
  }),
];

/** Σ_i coeffs[i]·t^i by Horner's rule (coefficients in increasing powers). */
function polyval(t: tf.Tensor, coeffs: readonly number[]): tf.Tensor {
  let acc: tf.Tensor = tf.fill(t.shape, coeffs[coeffs.length - 1] as number);
  for (let i = coeffs.length - 2; i >= 0; i--) {
    acc = acc.mul(t);
    const c = coeffs[i] as number;
    if (c !== 0) acc = acc.add(c);
  }
  return acc;
}

/**
 * The recurrence shift shared by ψ, ψ′ and ψ″: `small` marks x < 6, `z` is x + 6 there and x
 * elsewhere, and `xs` is x where it is small and 1 elsewhere (so that the correction terms stay
 * finite where they are not used).
 */
function shifted(x: tf.Tensor): { small: tf.Tensor; z: tf.Tensor; xs: tf.Tensor } {
  const small = tf.less(x, SHIFT);
  return { small, z: tf.where(small, x.add(SHIFT), x), xs: tf.where(small, x, tf.onesLike(x)) };
}

/** Σ_{k=0}^{5} f(x + k), for the recurrence corrections. */
function sumOverShift(xs: tf.Tensor, f: (xk: tf.Tensor) => tf.Tensor): tf.Tensor {
  let acc = f(xs);
  for (let k = 1; k < SHIFT; k++) acc = acc.add(f(xs.add(k)));
  return acc;
}

/**
 * The part of Stirling's log Γ(z) beyond (z − ½) log z − z + ½ log 2π, for z ≥ 6:
 * 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷).
 */
function stirlingCorrection(z: tf.Tensor): tf.Tensor {
  const r = z.reciprocal();
  const r2 = r.square();
  return r.mul(r2.mul(r2.mul(r2.mul(-1 / 1680).add(1 / 1260)).add(-1 / 360)).add(1 / 12));
}

/**
 * log Γ(x), forward only. For x ≥ 6, Stirling's series. Below 6, the Taylor series S(t) of
 * log Γ(1 + t) with |t| ≤ ½, moved to x by the recurrence in whichever direction keeps every term
 * of one sign (no cancellation, so the relative accuracy holds at the zeros 1 and 2 too):
 * - x < ½:      log Γ(x) = S(x) − log x                       (log Γ(x) = log Γ(1 + x) − log x);
 * - ½ ≤ x < 3/2: log Γ(x) = S(x − 1);
 * - 3/2 ≤ x < 6: log Γ(x) = S(t) + log1p(t) + Σ_{j=1}^{n} log(x − j), with n = ⌊x − 3/2⌋ and
 *   t = x − 2 − n (log Γ(2 + t) = log Γ(1 + t) + log(1 + t), then Γ(x) = (x − 1)…(x − n)Γ(x − n)).
 */
function lgammaForward(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    // Stirling: log Γ(z) = (z − ½) log z − z + ½ log 2π + 1/(12z) − 1/(360z³) + 1/(1260z⁵) − 1/(1680z⁷).
    const z = tf.maximum(x, SHIFT);
    const stirling = z.sub(0.5).mul(z.log()).sub(z).add(HALF_LOG_2PI).add(stirlingCorrection(z));
    const xs = tf.minimum(x, SHIFT);
    const below = tf.less(xs, 0.5);
    const above = tf.greaterEqual(xs, 1.5);
    // Steps down from x to 2 + t: n = ⌊x − 3/2⌋ ∈ {0, …, 4} where x ≥ 3/2.
    const n = tf.clipByValue(tf.floor(xs.sub(1.5)), 0, SHIFT - 2);
    const base = tf.where(below, tf.zerosLike(xs), tf.where(above, n.add(2), tf.onesLike(xs)));
    const t = tf.clipByValue(xs.sub(base), -0.5, 0.5);
    // Π_{j=1}^{n} (x − j): the factors with x − j ≥ 3/2, and 1 for the others.
    let product = tf.onesLike(xs);
    for (let j = 1; j < SHIFT - 1; j++) {
      const f = xs.sub(j);
      product = product.mul(tf.where(tf.greaterEqual(f, 1.5), f, tf.onesLike(f)));
    }
    const up = tf.where(above, log1pForward(t).add(product.log()), tf.zerosLike(t));
    const down = tf.where(below, xs.log().neg(), tf.zerosLike(xs));
    const series = polyval(t, LGAMMA1P_COEFFS).add(up).add(down);
    return tf.where(tf.less(x, SHIFT), series, stirling);
  });
}

/** The part of ψ(z)'s asymptotic series after log z − 1/(2z): 1/(12z²) − 1/(120z⁴) + … (subtracted). */
function digammaTail(z: tf.Tensor): tf.Tensor {
  const r2 = z.reciprocal().square();
  return r2.mul(r2.mul(r2.mul(r2.mul(r2.mul(1 / 132).neg().add(1 / 240)).neg().add(1 / 252)).neg().add(1 / 120)).neg().add(1 / 12));
}

/** ψ(x), forward only: ψ(z) ~ log z − 1/(2z) − 1/(12z²) + 1/(120z⁴) − 1/(252z⁶) + 1/(240z⁸) − 1/(132z¹⁰). */
function digammaForward(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const { small, z, xs } = shifted(x);
    const asymptotic = z.log().sub(z.reciprocal().mul(0.5)).sub(digammaTail(z));
    // ψ(x) = ψ(x + 6) − Σ_{k=0}^{5} 1/(x + k).
    return tf.where(small, asymptotic.sub(sumOverShift(xs, (xk) => xk.reciprocal())), asymptotic);
  });
}

/** ψ′(x), forward only: ψ′(z) ~ 1/z + 1/(2z²) + 1/(6z³) − 1/(30z⁵) + 1/(42z⁷) − 1/(30z⁹) + 5/(66z¹¹). */
function trigammaForward(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const { small, z, xs } = shifted(x);
    const r = z.reciprocal();
    const r2 = r.square();
    const tail = r2.mul(r2.mul(r2.mul(r2.mul(5 / 66).neg().add(1 / 30)).neg().add(1 / 42)).neg().add(1 / 30)).neg().add(1 / 6);
    const asymptotic = r.add(r2.mul(0.5)).add(r2.mul(r).mul(tail));
    // ψ′(x) = ψ′(x + 6) + Σ_{k=0}^{5} 1/(x + k)².
    return tf.where(small, asymptotic.add(sumOverShift(xs, (xk) => xk.square().reciprocal())), asymptotic);
  });
}

/** ψ″(x), forward only: ψ″(z) ~ −1/z² − 1/z³ − 1/(2z⁴) + 1/(6z⁶) − 1/(6z⁸) + 3/(10z¹⁰) − 5/(6z¹²). */
function tetragammaForward(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const { small, z, xs } = shifted(x);
    const r = z.reciprocal();
    const r2 = r.square();
    const tail = r2.mul(r2.mul(r2.mul(r2.mul(5 / 6).neg().add(3 / 10)).neg().add(1 / 6)).neg().add(1 / 6)).neg().add(0.5);
    const asymptotic = r2.mul(r.add(1)).add(r2.square().mul(tail)).neg();
    // ψ″(x) = ψ″(x + 6) − 2 Σ_{k=0}^{5} 1/(x + k)³.
    const correction = sumOverShift(xs, (xk) => xk.pow(3).reciprocal()).mul(2);
    return tf.where(small, asymptotic.sub(correction), asymptotic);
  });
}

/**
 * log(1 + x) computed as log(u)·x/(u − 1) with u = 1 + x rounded (and x itself where u rounds to 1):
 * the rounding error of 1 + x cancels between log(u) and u − 1 (D. Goldberg, "What every computer
 * scientist should know about floating-point arithmetic", 1991, theorem 4). Needed because the
 * wasm backend's Log1p kernel is log(1 + x) evaluated naively: for x = 1e-7 it returns 1.19e-7,
 * and for x below 6e-8 it returns 0. Forward only.
 */
function log1pForward(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const u = x.add(1);
    const one = tf.equal(u, 1);
    const denominator = tf.where(one, tf.onesLike(u), u.sub(1));
    return tf.where(one, x, u.log().mul(x.div(denominator)));
  });
}

const log1pOp = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor]);
  return {
    value: log1pForward(x as tf.Tensor),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [dy.div((saved[0] as tf.Tensor).add(1))],
  };
});

/**
 * log(1 + x) elementwise for x ≥ −1, accurate to a few float32 ulps on every backend (unlike
 * `tf.log1p` on wasm, see log1pForward); gradient 1/(1 + x). Use it instead of `tf.log1p`.
 */
export function log1p(x: tf.Tensor): tf.Tensor {
  assertFloat(x, 'log1p');
  return log1pOp(x);
}

function assertFloat(x: tf.Tensor, what: string): void {
  if (x.dtype !== 'float32') throw new Error(`${what} expects float32, got ${x.dtype}`);
}

const tetragammaOp = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc) => ({
  value: tetragammaForward(x as tf.Tensor),
  gradFunc: () => {
    throw new Error('the derivative of tetragamma (the fourth derivative of lgamma) is not implemented');
  },
}));

const trigammaOp = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor]);
  return {
    value: trigammaForward(x as tf.Tensor),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [dy.mul(tetragammaOp(saved[0] as tf.Tensor))],
  };
});

const digammaOp = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor]);
  return {
    value: digammaForward(x as tf.Tensor),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [dy.mul(trigammaOp(saved[0] as tf.Tensor))],
  };
});

const lgammaOp = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
  (save as tf.GradSaveFunc)([x as tf.Tensor]);
  return {
    value: lgammaForward(x as tf.Tensor),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [dy.mul(digammaOp(saved[0] as tf.Tensor))],
  };
});

/** log Γ(x) elementwise for x > 0; gradient ψ(x). */
export function lgamma(x: tf.Tensor): tf.Tensor {
  assertFloat(x, 'lgamma');
  return lgammaOp(x);
}

/** ψ(x) = d/dx log Γ(x) elementwise for x > 0; gradient ψ′(x). */
export function digamma(x: tf.Tensor): tf.Tensor {
  assertFloat(x, 'digamma');
  return digammaOp(x);
}

/** ψ′(x) = d²/dx² log Γ(x) elementwise for x > 0 (positive, ≈ 1/x for large x); gradient ψ″(x). */
export function trigamma(x: tf.Tensor): tf.Tensor {
  assertFloat(x, 'trigamma');
  return trigammaOp(x);
}

/** Arguments from which logBeta uses Stirling's series with the large terms cancelled analytically. */
const LOG_BETA_LARGE = 8;

/**
 * log B(a, b), forward only, with s = min(a, b) and g = max(a, b), in three regimes:
 * - g < 8: log Γ(s) + log Γ(g) − log Γ(g + s) directly (all terms moderate);
 * - s < 8 ≤ g: log Γ(s) + D with D = log Γ(g) − log Γ(g + s) from Stirling's series, the large
 *   terms cancelled analytically:
 *     D = −(g − ½) log1p(s/g) − s log(g + s) + s + c(g) − c(g + s),   c = Stirling's correction,
 *   which keeps its relative accuracy when s ≪ g (log Γ(1e4) ≈ 82 099 would otherwise be
 *   subtracted from log Γ(1e4 + 1) to give −9.21, with an error of 0.01 in float32);
 * - s ≥ 8: Stirling for all three, with the linear terms cancelled and the logarithms as ratios:
 *     ½ log 2π − ½ log(g + s) + (s − ½) log(s/(g + s)) + (g − ½) log1p(−s/(g + s))
 *     + c(s) + c(g) − c(g + s),
 *   whose largest terms are ~s log(1 + g/s) rather than ~(g + s) log(g + s) (at (500, 1000):
 *   550 instead of 3 700, so five times less float32 rounding).
 */
function logBetaForward(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const s = tf.minimum(a, b);
    const g = tf.maximum(a, b);
    const lgammaS = lgammaForward(s);
    const plain = lgammaS.add(lgammaForward(g)).sub(lgammaForward(g.add(s)));
    // One large argument (g clamped up so that the unused branch stays finite).
    const gl = tf.maximum(g, LOG_BETA_LARGE);
    const suml = gl.add(s);
    const oneLarge = lgammaS.add(
      gl
        .sub(0.5)
        .mul(log1pForward(s.div(gl)))
        .neg()
        .sub(s.mul(suml.log()))
        .add(s)
        .add(stirlingCorrection(gl))
        .sub(stirlingCorrection(suml)),
    );
    // Both large (s clamped up likewise).
    const sl = tf.maximum(s, LOG_BETA_LARGE);
    const gb = tf.maximum(g, sl);
    const total = gb.add(sl);
    const fraction = sl.div(total);
    const bothLarge = total
      .log()
      .mul(-0.5)
      .add(HALF_LOG_2PI)
      .add(sl.sub(0.5).mul(fraction.log()))
      .add(gb.sub(0.5).mul(log1pForward(fraction.neg())))
      .add(stirlingCorrection(sl))
      .add(stirlingCorrection(gb))
      .sub(stirlingCorrection(total));
    const large = tf.where(tf.greaterEqual(s, LOG_BETA_LARGE), bothLarge, oneLarge);
    return tf.where(tf.greaterEqual(g, LOG_BETA_LARGE), large, plain);
  });
}

/** Above this, ψ(x) − ψ(x + y) is taken from the asymptotic series with log x − log(x + y) cancelled analytically. */
const DIGAMMA_DIFFERENCE_LARGE = 8;

/**
 * ψ(x) − ψ(x + y), forward only. For x ≥ 8 the asymptotic series is differenced term by term:
 *   −log1p(y/x) − y/(2x(x + y)) − (T(x) − T(x + y)),   T = digammaTail,
 * so that for large x the result (≈ −y/x) keeps its relative accuracy instead of being the
 * difference of two numbers near log x (ψ(1e4) − ψ(1e4 + 1) = −1e-4 would otherwise lose two of
 * float32's seven digits). Below 8, the plain difference.
 */
function digammaDifferenceForward(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const plain = digammaForward(x).sub(digammaForward(x.add(y)));
    const xl = tf.maximum(x, DIGAMMA_DIFFERENCE_LARGE);
    const zl = xl.add(y);
    const asymptotic = log1pForward(y.div(xl))
      .add(y.div(xl.mul(zl)).mul(0.5))
      .add(digammaTail(xl).sub(digammaTail(zl)))
      .neg();
    return tf.where(tf.greaterEqual(x, DIGAMMA_DIFFERENCE_LARGE), asymptotic, plain);
  });
}

const digammaDifferenceOp = tf.customGrad(
  (x: tf.Tensor | tf.GradSaveFunc, y: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    (save as tf.GradSaveFunc)([x as tf.Tensor, y as tf.Tensor]);
    return {
      value: digammaDifferenceForward(x as tf.Tensor, y as tf.Tensor),
      // ∂/∂x = ψ′(x) − ψ′(x + y), ∂/∂y = −ψ′(x + y).
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sy] = saved as [tf.Tensor, tf.Tensor];
        const psi1Sum = trigammaOp(sx.add(sy));
        return [dy.mul(trigammaOp(sx).sub(psi1Sum)), dy.mul(psi1Sum).neg()];
      },
    };
  },
);

/**
 * ψ(x) − ψ(x + y) elementwise for x, y > 0, broadcast like `tf.sub`; accurate in relative terms
 * also when x is large and the difference small (see digammaDifferenceForward). It is E[log X]
 * − E[log(X + Y)] for Gamma variables, the gradient of log B, and what the Beta entropy and KL are
 * made of. Gradients ψ′(x) − ψ′(x + y) and −ψ′(x + y).
 */
export function digammaDifference(x: tf.Tensor, y: tf.Tensor): tf.Tensor {
  assertFloat(x, 'digammaDifference');
  assertFloat(y, 'digammaDifference');
  return tf.tidy(() => {
    const shape = tf.broadcast_util.assertAndGetBroadcastShape(x.shape, y.shape);
    return digammaDifferenceOp(tf.broadcastTo(x, shape), tf.broadcastTo(y, shape));
  });
}

const logBetaOp = tf.customGrad(
  (a: tf.Tensor | tf.GradSaveFunc, b: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    (save as tf.GradSaveFunc)([a as tf.Tensor, b as tf.Tensor]);
    return {
      value: logBetaForward(a as tf.Tensor, b as tf.Tensor),
      // ∂/∂a log B(a, b) = ψ(a) − ψ(a + b), and symmetrically in b.
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
        return [dy.mul(digammaDifferenceOp(sa, sb)), dy.mul(digammaDifferenceOp(sb, sa))];
      },
    };
  },
);

/**
 * log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b) elementwise for a, b > 0, with a and b
 * broadcast against each other (the gradient is summed back to each input's shape). Accurate also
 * when one argument is much larger than the other (see logBetaForward). Gradients ψ(a) − ψ(a + b)
 * and ψ(b) − ψ(a + b).
 */
export function logBeta(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  assertFloat(a, 'logBeta');
  assertFloat(b, 'logBeta');
  return tf.tidy(() => {
    const shape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
    return logBetaOp(tf.broadcastTo(a, shape), tf.broadcastTo(b, shape));
  });
}
