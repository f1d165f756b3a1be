/** softplus⁻¹(y) = log(exp(y) − 1), computed stably, for initialising a raw value so softplus(raw) = y. */
export function inverseSoftplus(y: number): number {
  if (!(y > 0)) throw new RangeError(`softplus only gives positive values; cannot start at ${y}`);
  return y > 20 ? y + Math.log1p(-Math.exp(-y)) : Math.log(Math.expm1(y));
}
