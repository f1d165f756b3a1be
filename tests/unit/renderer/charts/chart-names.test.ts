import { describe, expect, it } from 'vitest';
import { chartImageSchema } from '../../../../shared/protocol/runs';
import { chartFileStem, uniqueChartStems } from '../../../../renderer/charts/chart-names';

describe('chart file names', () => {
  it('makes names file-safe and valid for the export schema', () => {
    expect(chartFileStem('elbo')).toBe('elbo');
    expect(chartFileStem('latent-Z_mu')).toBe('latent-z-mu');
    expect(chartFileStem('  ')).toBe('chart');
    const long = chartFileStem('x'.repeat(100));
    expect(long).toHaveLength(64);
    for (const name of ['latent-Z_mu', '__', 'a'.repeat(99), 'KL (z)']) {
      expect(chartImageSchema.safeParse({ name: chartFileStem(name), png: '' }).success).toBe(true);
    }
  });
  it('numbers repeated names', () => {
    expect(uniqueChartStems(['elbo', 'kl', 'elbo', 'elbo'])).toEqual(['elbo', 'kl', 'elbo-2', 'elbo-3']);
  });
});
