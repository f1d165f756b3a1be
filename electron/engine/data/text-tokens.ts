/**
 * How a line of text becomes tokens: a word is a run of letters and digits (an apostrophe or a
 * hyphen between two of them stays inside: "don't", "well-known"); every other character that is
 * not white space (punctuation, symbols) is a token of its own. Optionally folded to lower case.
 */
const TOKEN = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*|[^\s\p{L}\p{N}\p{M}]/gu;

/** The tokens of one line, in order. */
export function tokenize(line: string, lowercase: boolean): string[] {
  return (lowercase ? line.toLowerCase() : line).match(TOKEN) ?? [];
}
