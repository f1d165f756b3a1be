import type { z } from 'zod';

/** The wording of an issue the parameter schema raised, as a phrase after the parameter's name. */
export function paramIssueText(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined/.test(issue.message) ? 'required' : `must be ${article(issue.expected)}`;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.origin === 'string') return n <= 1 ? 'must not be empty' : `must be at least ${n} characters`;
      if (issue.origin === 'array') return `needs at least ${n} item${n === 1 ? '' : 's'}`;
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${n.toLocaleString('en-US')}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.origin === 'string') return `must be at most ${n} characters`;
      if (issue.origin === 'array') return `takes at most ${n} item${n === 1 ? '' : 's'}`;
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${n.toLocaleString('en-US')}`;
    }
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  if (type === 'int') return 'a whole number';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** What one item of a list or table setting is called, by setting: the inspector numbers them so. */
export const PARAM_ITEM_NAMES: Readonly<Record<string, string>> = { hidden: 'layer', heads: 'head', columns: 'column' };

/**
 * Where in a node's settings an issue is, in the inspector's words: `hidden` for a setting,
 * `layer 1` for its first item (0-based paths are counted from 1), `head 2 size` for a table cell.
 * `item` is the place within the setting (empty for the setting itself).
 */
export function paramPlace(path: readonly PropertyKey[]): { readonly key: string; readonly item: string } {
  const [key, ...rest] = path.map(String);
  const item = rest.map((s) => (/^\d+$/.test(s) ? `${PARAM_ITEM_NAMES[key ?? ''] ?? 'item'} ${Number(s) + 1}` : s)).join(' ');
  return { key: key ?? '', item };
}
