/** Python literals and comments in generated code. */

/** A number as a Python float literal that reads back to the same double: 0.001, 1.0, 1e-08. */
export function pythonFloat(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`cannot write ${v} as a Python literal`);
  const s = String(v);
  if (/e/.test(s)) return s.replace('e+', 'e');
  return s.includes('.') ? s : `${s}.0`;
}

/** A string as a Python literal (double-quoted, escaped). */
export function pythonString(s: string): string {
  return JSON.stringify(s);
}

/** Text wrapped at `width` columns, for docstrings and comments. */
export function wrapComment(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) lines.push(line);
  }
  // A docstring must not close itself.
  return lines.map((l) => l.replace(/"""/g, '\\"\\"\\"'));
}
