/**
 * Python identifiers for a graph's names: node names may be any text, the generated code uses them
 * as variables and module attributes, so each becomes a valid, unique, readable identifier.
 */

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);

/** Names the generated code already uses for its own purposes. */
const RESERVED = new Set(['self', 'batch', 'noise', 'rows', 'torch', 'nn', 'F', 'MLP', 'Model', 'identity', 'terms', 'step', 'super']);

/** `name` as a Python identifier: letters, digits and _; not starting with a digit; not a keyword. */
export function pythonIdentifier(name: string): string {
  let id = name.normalize('NFKD').replace(/[^\w]/g, '_').replace(/[^\x00-\x7f]/g, '_').replace(/_+/g, '_');
  id = id.replace(/^_+(?=.)/, '').replace(/(?<=.)_+$/, '');
  if (id === '' || id === '_') id = 'node';
  if (/^\d/.test(id)) id = `n_${id}`;
  if (KEYWORDS.has(id)) id = `${id}_`;
  return id;
}

/** Hands out identifiers, each unique: the second "x" becomes "x_2". */
export class NameTable {
  private readonly taken = new Set<string>(RESERVED);

  /** A fresh identifier as close to `wanted` as the table allows. */
  claim(wanted: string): string {
    const base = pythonIdentifier(wanted);
    let id = base;
    for (let i = 2; this.taken.has(id); i++) id = `${base}_${i}`;
    this.taken.add(id);
    return id;
  }
}
