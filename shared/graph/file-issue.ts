import type { z } from 'zod';
import { paramIssueText } from './param-issue';

/**
 * A schema issue of a graph file as a sentence a person can act on: where, in the words of the
 * model (node 2 “decoder”, its setting hidden), and what is wrong (must be a list, not text).
 * The raw path stays available in the error's details for tools.
 */
export function fileIssueSentence(issue: z.core.$ZodIssue, file: unknown): string {
  return `${placeOf(issue.path, file)} ${whatIsWrong(issue)}`;
}

/** "must be a list, not text"; other issues as the parameter fields word them. */
function whatIsWrong(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_type') return paramIssueText(issue);
  const received = /received (\w+)/.exec(issue.message)?.[1];
  if (received === undefined || received === 'undefined') return 'is missing';
  return `must be ${typeWords(issue.expected)}, not ${typeWords(received)}`;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  array: 'a list',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  null: 'null',
};

function typeWords(type: string): string {
  return TYPE_WORDS[type] ?? type;
}

/** Where an issue is: "the file", "the graph's node list", "node 2 “decoder”'s setting hidden", "the training setting batchSize". */
function placeOf(path: readonly PropertyKey[], file: unknown): string {
  const [head, second, index, ...rest] = path;
  if (head === undefined) return 'the file';
  if (head === 'graph' && (second === 'nodes' || second === 'edges')) {
    const what = second === 'nodes' ? 'node' : 'edge';
    if (typeof index !== 'number') return `the graph's ${what} list`;
    const name = second === 'nodes' ? nodeName(file, index) : undefined;
    const item = `${what} ${index + 1}${name ? ` \u201c${name}\u201d` : ''}`;
    if (rest.length === 0) return item;
    if (rest[0] === 'params' && rest.length > 1) return `${item}'s setting ${dotted(rest.slice(1))}`;
    return `${item}'s ${dotted(rest)}`;
  }
  if (head === 'training') return path.length === 1 ? 'the training settings' : `the training setting ${dotted(path.slice(1))}`;
  if (head === 'layout') return `the layout (${dotted(path)})`;
  return dotted(path);
}

function dotted(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

function nodeName(file: unknown, index: number): string | undefined {
  const nodes = (file as { graph?: { nodes?: unknown } } | null)?.graph?.nodes;
  const name = Array.isArray(nodes) ? (nodes[index] as { name?: unknown } | undefined)?.name : undefined;
  return typeof name === 'string' && name.length <= 40 ? name : undefined;
}
