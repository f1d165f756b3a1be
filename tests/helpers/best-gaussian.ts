/**
 * Mean log-density of `test` rows under the Gaussian fitted to `fit` rows by maximum likelihood
 * (the best single Gaussian): the closed form a model of the two moons has to beat.
 */
export function gaussianLogLikelihood(fit: Float32Array, test: Float32Array): number {
  const n = fit.length / 2;
  const mx = fit.filter((_, i) => i % 2 === 0).reduce((a, b) => a + b, 0) / n;
  const my = fit.filter((_, i) => i % 2 === 1).reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = fit[2 * i]! - mx;
    const dy = fit[2 * i + 1]! - my;
    sxx += (dx * dx) / n;
    syy += (dy * dy) / n;
    sxy += (dx * dy) / n;
  }
  const det = sxx * syy - sxy * sxy;
  let total = 0;
  const m = test.length / 2;
  for (let i = 0; i < m; i++) {
    const dx = test[2 * i]! - mx;
    const dy = test[2 * i + 1]! - my;
    const mahalanobis = (syy * dx * dx - 2 * sxy * dx * dy + sxx * dy * dy) / det;
    total += -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 0.5 * mahalanobis;
  }
  return total / m;
}
