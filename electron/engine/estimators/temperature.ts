import type { EstimatorParams } from '../../../shared/graph/index';

/**
 * The temperature of a relaxed (Gumbel-softmax / Concrete) draw at a training step:
 * τ_t = max(τ_min, τ_0 · exp(−rate · t)), the exponential schedule of Jang et al. (2017). With
 * rate 0 the temperature stays τ_0.
 */
export function temperatureAt(settings: Pick<EstimatorParams, 'temperature' | 'temperatureMin' | 'temperatureDecay'>, step: number): number {
  if (settings.temperatureDecay === 0) return settings.temperature;
  return Math.max(settings.temperatureMin, settings.temperature * Math.exp(-settings.temperatureDecay * step));
}
