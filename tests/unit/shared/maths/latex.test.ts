import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { num, symbol } from '../../../../shared/maths/latex';

describe('node names as LaTeX symbols', () => {
  it.each([
    ['z', 'z'],
    ['z1', 'z_{1}'],
    ['z_12', 'z_{12}'],
    ['prior_logits', String.raw`\mathrm{prior\_logits}`],
    ['my encoder', String.raw`\mathrm{my\ encoder}`],
    ['a{b}^c~d\\', String.raw`\mathrm{a\{b\}\wedge c\sim d\backslash }`],
    ['décodeur', String.raw`\text{décodeur}`],
    ["l'encodeur \"ü\" {1}", String.raw`\text{l'encodeur "ü" \{1\}}`],
    ['β-VAE ✓', String.raw`\text{?-VAE ?}`],
  ])('writes %j as %s, which KaTeX renders strictly', (name, expected) => {
    expect(symbol(name)).toBe(expected);
    expect(() => katex.renderToString(`${symbol(name)}(x)`, { throwOnError: true, strict: 'error' })).not.toThrow();
  });

  it('writes numbers without JavaScript exponents', () => {
    expect([num(0), num(0.5), num(1e-8), num(2.5e-7), num(1000)]).toEqual(['0', '0.5', String.raw`1 \times 10^{-8}`, String.raw`2.5 \times 10^{-7}`, '1000']);
  });
});
