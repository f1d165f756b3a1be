import { z } from 'zod';

/** A scalar field: what one input edits. */
export type ScalarSpec =
  | {
      readonly type: 'number';
      readonly integer: boolean;
      readonly min?: number;
      readonly max?: number;
      readonly exclusiveMin?: number;
      readonly exclusiveMax?: number;
    }
  | { readonly type: 'enum'; readonly options: readonly string[] }
  | { readonly type: 'boolean' }
  | { readonly type: 'string'; readonly minLength?: number; readonly pattern?: string };

/** A field of a params schema, as the inspector renders it. */
export type FieldSpec = {
  /** The key in the params object. */
  readonly key: string;
  /** The schema's `.describe()` text, else the key made readable. */
  readonly label: string;
  /** Neither required nor defaulted: the value may be cleared. */
  readonly optional: boolean;
  readonly defaultValue?: unknown;
} & (
  | ScalarSpec
  | { readonly type: 'list'; readonly item: ScalarSpec; readonly minItems?: number; readonly maxItems?: number }
  | { readonly type: 'table'; readonly columns: readonly ColumnSpec[]; readonly minItems?: number; readonly maxItems?: number }
);

/** A column of a table field (an array of objects, such as an MLP's heads). */
export type ColumnSpec = { readonly key: string; readonly label: string; readonly defaultValue?: unknown } & ScalarSpec;

type Json = Record<string, any>;

/** "heldOutFraction" → "Held out fraction". */
export function humanize(key: string): string {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function scalarOf(s: Json): ScalarSpec | null {
  if (Array.isArray(s.enum)) return { type: 'enum', options: s.enum.map(String) };
  if (s.type === 'integer' || s.type === 'number') {
    const spec: { -readonly [K in keyof Extract<ScalarSpec, { type: 'number' }>]: Extract<ScalarSpec, { type: 'number' }>[K] } = { type: 'number', integer: s.type === 'integer' };
    if (typeof s.minimum === 'number') spec.min = s.minimum;
    // zod writes the safe-integer bounds for .int(): they are no real limit for a person.
    if (typeof s.maximum === 'number' && s.maximum < Number.MAX_SAFE_INTEGER) spec.max = s.maximum;
    if (typeof s.exclusiveMinimum === 'number') spec.exclusiveMin = s.exclusiveMinimum;
    if (typeof s.exclusiveMaximum === 'number') spec.exclusiveMax = s.exclusiveMaximum;
    return spec;
  }
  if (s.type === 'boolean') return { type: 'boolean' };
  if (s.type === 'string') {
    return { type: 'string', ...(typeof s.minLength === 'number' ? { minLength: s.minLength } : {}), ...(typeof s.pattern === 'string' ? { pattern: s.pattern } : {}) };
  }
  return null;
}

/** The fields of a JSON schema of an object, in declaration order (unknown shapes are skipped). */
export function fieldsOfJsonSchema(schema: Json): FieldSpec[] {
  const props: Record<string, Json> = schema.properties ?? {};
  const required = new Set<string>(schema.required ?? []);
  const fields: FieldSpec[] = [];
  for (const [key, s] of Object.entries(props)) {
    const base = {
      key,
      label: typeof s.description === 'string' ? s.description : humanize(key),
      optional: !required.has(key) && !('default' in s),
      ...('default' in s ? { defaultValue: s.default } : {}),
    };
    const limits = { ...(typeof s.minItems === 'number' ? { minItems: s.minItems } : {}), ...(typeof s.maxItems === 'number' ? { maxItems: s.maxItems } : {}) };
    if (s.type === 'array' && s.items) {
      const item = s.items as Json;
      if (item.type === 'object') {
        const columns = Object.entries((item.properties ?? {}) as Record<string, Json>).flatMap(([k, c]): ColumnSpec[] => {
          const sc = scalarOf(c);
          return sc ? [{ key: k, label: typeof c.description === 'string' ? c.description : humanize(k), ...('default' in c ? { defaultValue: c.default } : {}), ...sc }] : [];
        });
        fields.push({ ...base, type: 'table', columns, ...limits });
      } else {
        const sc = scalarOf(item);
        if (sc) fields.push({ ...base, type: 'list', item: sc, ...limits });
      }
      continue;
    }
    const sc = scalarOf(s);
    if (sc) fields.push({ ...base, ...sc });
  }
  return fields;
}

const cache = new WeakMap<z.ZodType, FieldSpec[]>();

/** The fields of a node kind's params schema, read through `z.toJSONSchema` (cached per schema). */
export function fieldsOfSchema(schema: z.ZodType): FieldSpec[] {
  let fields = cache.get(schema);
  if (!fields) {
    fields = fieldsOfJsonSchema(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json);
    cache.set(schema, fields);
  }
  return fields;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : String(n);
}

/** Why a value does not fit a scalar spec, in words; null when it fits. */
export function checkScalar(spec: ScalarSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'enter a number';
      if (spec.integer && !Number.isInteger(value)) return 'enter a whole number';
      if (spec.min !== undefined && value < spec.min) return `at least ${fmt(spec.min)}`;
      if (spec.max !== undefined && value > spec.max) return `at most ${fmt(spec.max)}`;
      if (spec.exclusiveMin !== undefined && value <= spec.exclusiveMin) return `must be greater than ${fmt(spec.exclusiveMin)}`;
      if (spec.exclusiveMax !== undefined && value >= spec.exclusiveMax) return `must be less than ${fmt(spec.exclusiveMax)}`;
      return null;
    }
    case 'enum':
      return spec.options.includes(String(value)) ? null : `one of ${spec.options.join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'yes or no';
    case 'string': {
      if (typeof value !== 'string') return 'enter text';
      if (spec.minLength !== undefined && value.length < spec.minLength) return value.length === 0 ? 'required' : `at least ${spec.minLength} characters`;
      if (spec.pattern !== undefined && !new RegExp(spec.pattern).test(value)) return 'a letter or _ followed by letters, digits or _';
      return null;
    }
  }
}

/** A readable hint of a number's limits: "1 – 100,000, whole". */
export function limitsHint(spec: ScalarSpec): string {
  if (spec.type !== 'number') return '';
  const exclusive = spec.exclusiveMin !== undefined || spec.exclusiveMax !== undefined;
  let range: string;
  if (!exclusive && spec.min !== undefined && spec.max !== undefined) range = `${fmt(spec.min)} – ${fmt(spec.max)}`;
  else {
    const lo = spec.exclusiveMin !== undefined ? `> ${fmt(spec.exclusiveMin)}` : spec.min !== undefined ? `≥ ${fmt(spec.min)}` : null;
    const hi = spec.exclusiveMax !== undefined ? `< ${fmt(spec.exclusiveMax)}` : spec.max !== undefined ? `≤ ${fmt(spec.max)}` : null;
    range = [lo, hi].filter(Boolean).join(' and ');
  }
  return [range, spec.integer ? 'whole number' : ''].filter(Boolean).join(', ');
}

/** Enum values whose usual spelling is not a capitalised word. */
const OPTION_LABELS: Readonly<Record<string, string>> = {
  relu: 'ReLU',
  elu: 'ELU',
  tanh: 'tanh',
  sigmoid: 'sigmoid',
  softplus: 'softplus',
  linear: 'linear',
  exp: 'exp',
  none: 'None',
  relaxed: 'Relaxed (Gumbel-softmax)',
  'straight-through': 'Straight-through',
  'leave-one-out': 'Leave-one-out (VIMCO)',
  learned: 'Learned b(x) (wire a network)',
};

/** Enum values as a person reads them: "score-function" → "Score function", "relu" → "ReLU". */
export function optionLabel(value: string): string {
  return OPTION_LABELS[value] ?? humanize(value);
}

/** Parses the text of a number input; null when it is not a number yet (typing goes on). */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}
