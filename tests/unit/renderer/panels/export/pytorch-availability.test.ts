import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pytorchUnavailable } from '../../../../../renderer/panels/export/pytorch-availability';
import { examplePath } from '../../../../helpers/examples';

const text = (name: string): string => readFileSync(examplePath(`${name}.json`), 'utf8');

describe('the Export dialog knows which runs PyTorch can take', () => {
  it('has nothing against a graph the export writes', () => {
    expect(pytorchUnavailable(text('vae-mnist'))).toBeNull();
    expect(pytorchUnavailable(text('classifier-mnist'))).toBeNull();
  });

  it('gives the back end\'s reason, naming the node, for one it does not write', () => {
    expect(pytorchUnavailable(text('gumbel-vae-mnist'))).toMatch(/^Categorical q_z: .*Normal latents and posteriors only/);
    expect(pytorchUnavailable(text('maf-two-moons'))).toMatch(/^MADE .* does not write MADE networks yet/);
  });

  it('leaves the answer to the back end while the graph is unknown or unreadable', () => {
    expect(pytorchUnavailable(undefined)).toBeNull();
    expect(pytorchUnavailable('{ not a graph')).toBeNull();
  });
});
