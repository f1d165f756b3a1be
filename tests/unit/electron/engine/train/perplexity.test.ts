import { describe, expect, it } from 'vitest';
import { createDataset } from '../../../../../electron/engine/data/dataset';
import { perplexity, tokensScored } from '../../../../../electron/engine/train/perplexity';

/** An observed variable as tokensScored reads it: its family and the data column bound to it. */
const observed = (family: string, domain: string, column: string) => ({ node: { name: column }, kind: { family: { family } }, inputs: { value: [{ sourcePort: column, type: { domain } }] } });

const data = createDataset('d', 3, {
  counts: { size: 2, domain: 'real', values: Float32Array.from([1, 2, 0, 4, 5, 0]) },
  label: { size: 1, domain: 'index', categories: 2, values: Float32Array.from([0, 1, 1]) },
});

describe('the tokens a log-likelihood scores', () => {
  it('sums the bag-of-words counts of the first rows', () => {
    const model = { observed: [observed('categorical', 'count', 'counts')] } as never;
    expect(tokensScored(model, data, 2)).toBe(7);
    expect(tokensScored(model, data, 10)).toBe(12);
  });

  it('applies only when every observed variable scores tokens', () => {
    expect(tokensScored({ observed: [observed('categorical', 'index', 'label')] } as never, data, 3)).toBeNull();
    expect(tokensScored({ observed: [observed('categorical', 'count', 'counts'), observed('categorical', 'index', 'label')] } as never, data, 3)).toBeNull();
  });

  it('counts a sentence\'s words and its end token (the first id 0), not the padding after it', () => {
    // Sentences of 3 words, 0 words, and 4 words filling every position but the last (its end).
    const sentences = createDataset('s', 3, {
      sequence: { size: 5, domain: 'index', categories: 9, values: Float32Array.from([4, 2, 7, 0, 0, 0, 0, 0, 0, 0, 1, 3, 3, 8, 0]) },
    });
    const seq = { node: { name: 'words' }, kind: { family: { family: 'categorical' } }, inputs: { value: [{ sourcePort: 'sequence', type: { domain: 'index', size: 5 } }] } };
    expect(tokensScored({ observed: [seq] } as never, sentences, 3)).toBe(4 + 1 + 5);
    expect(tokensScored({ observed: [seq] } as never, sentences, 1)).toBe(4);
  });

  it('is exp(−Σ log p / Σ tokens)', () => {
    // Two documents of mean log-likelihood −6 over 4 tokens: exp(12 / 4).
    expect(perplexity(-6, 2, 4)).toBeCloseTo(Math.exp(3), 12);
    expect(() => perplexity(-1, 1, 0)).toThrow(/at least one token/);
  });
});
