/**
 * Node names as LaTeX symbols. A name is the user's text (up to 100 characters of anything), so it
 * is escaped, never pasted: a one-letter name is a variable as the tutorial writes it (z, x, c), a
 * letter with a number is subscripted (z1 → z_{1}), anything else upright text.
 */
export function symbol(name: string): string {
  if (/^[A-Za-z]$/.test(name)) return name;
  const indexed = /^([A-Za-z])_?([0-9]{1,3})$/.exec(name);
  if (indexed) return `${indexed[1]}_{${indexed[2]}}`;
  // Accented Latin letters and quotes are refused by KaTeX in math mode (\mathrm) but not in text mode.
  return [...name].every((ch) => MATH_SAFE.test(ch) || ch in ESCAPES) ? `\\mathrm{${escapeText(name)}}` : `\\text{${escapeTextMode(name)}}`;
}

/** Characters kept as they are inside \mathrm{…}. */
const MATH_SAFE = /[A-Za-z0-9.,:;!?()[\]+\-*\/<>=|]/;
/** Characters kept as they are inside \text{…}: those, quotes, @ and the Latin-1 letters (é, ü, ß, ø…). */
const TEXT_SAFE = /[A-Za-z0-9.,:;!?()[\]+\-*\/<>=|"'@ À-ÖØ-öø-ÿ]/;
/** The characters escaped alike in math and text mode. */
const SHARED_ESCAPES: Readonly<Record<string, string>> = { '{': '\\{', '}': '\\}', _: '\\_', '#': '\\#', $: '\\$', '%': '\\%', '&': '\\&' };

/** The escapes of text mode, where \backslash, \sim and \wedge do not exist. */
const TEXT_ESCAPES: Readonly<Record<string, string>> = {
  ...SHARED_ESCAPES,
  '\\': '\\textbackslash{}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Escapes text for \text{…}; what KaTeX might still refuse (Greek, symbols, emoji) becomes '?'. */
function escapeTextMode(text: string): string {
  let out = '';
  for (const ch of text) out += TEXT_SAFE.test(ch) ? ch : (TEXT_ESCAPES[ch] ?? '?');
  return out;
}

/** Characters that KaTeX reads as commands in math mode, and what stands for each inside \mathrm / \text. */
const ESCAPES: Readonly<Record<string, string>> = {
  ...SHARED_ESCAPES,
  '\\': '\\backslash ',
  '~': '\\sim ',
  '^': '\\wedge ',
  ' ': '\\ ',
};

/**
 * Escapes text for \mathrm{…}. Only letters, digits and the escapes above are kept as characters;
 * anything else (a quote, a non-Latin letter) is replaced by '?', because KaTeX refuses some of
 * them in math mode and a name must never make the equations fail to render.
 */
export function escapeText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (MATH_SAFE.test(ch)) out += ch;
    else out += ESCAPES[ch] ?? '?';
  }
  return out;
}

/** A number as LaTeX: 0.5, 3, 1 \times 10^{-8}. */
export function num(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e6) return String(value);
  const text = String(value);
  const exp = /^(-?[0-9.]+)e([+-]?)([0-9]+)$/.exec(text);
  if (exp) return `${exp[1]} \\times 10^{${exp[2] === '-' ? '-' : ''}${exp[3]}}`;
  return text;
}

/** p(x \mid z) or p(z): a density with its conditioning set. */
export function density(letter: 'p' | 'q', variables: readonly string[], given: readonly string[]): string {
  return `${letter}(${variables.join(', ')}${given.length ? ` \\mid ${given.join(', ')}` : ''})`;
}
