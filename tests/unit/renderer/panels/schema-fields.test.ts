import { describe, expect, it } from 'vitest';
import { mlpKind, mnistKind, normalKind, csvKind, learnableKind } from '../../../../shared/graph/index';
import { checkScalar, fieldsOfSchema, limitsHint, optionLabel, parseNumber } from '../../../../renderer/panels/inspector/schemaFields';

describe('fieldsOfSchema', () => {
  it('reads an MLP: hidden sizes as a list of whole numbers, activation as an enum, heads as a table', () => {
    const fields = fieldsOfSchema(mlpKind.params);
    expect(fields.map((f) => [f.key, f.type, f.label])).toEqual([
      ['hidden', 'list', 'Hidden sizes'],
      ['activation', 'enum', 'Hidden activation'],
      ['heads', 'table', 'Heads'],
    ]);
    const heads = fields[2]!;
    if (heads.type !== 'table') throw new Error('heads is a table');
    expect(heads.columns.map((c) => [c.key, c.type])).toEqual([
      ['name', 'string'],
      ['size', 'number'],
      ['activation', 'enum'],
    ]);
    expect(heads.minItems).toBe(1);
  });

  it('marks values without a default as optional (they can be cleared)', () => {
    const byKey = new Map(fieldsOfSchema(normalKind.params).map((f) => [f.key, f]));
    expect(byKey.get('size')!.optional).toBe(true);
    expect(byKey.get('estimator')!.optional).toBe(true);
    expect(byKey.get('role')!.optional).toBe(false);
    const role = byKey.get('role')!;
    expect(role.type === 'enum' ? role.options : null).toEqual(['observed', 'latent', 'posterior']);
    expect(fieldsOfSchema(mnistKind.params).find((f) => f.key === 'limit')!.optional).toBe(true);
  });

  it('keeps limits, including exclusive ones', () => {
    const scale = fieldsOfSchema(normalKind.params).find((f) => f.key === 'scale')!;
    expect(scale.type === 'number' && scale.exclusiveMin).toBe(0);
    expect(fieldsOfSchema(csvKind.params).find((f) => f.key === 'columns')!.type).toBe('list');
    expect(fieldsOfSchema(learnableKind.params).map((f) => f.key)).toEqual(['size', 'init', 'constraint']);
  });
});

describe('checkScalar', () => {
  const size = { type: 'number', integer: true, min: 1, max: 100 } as const;
  it('says what is wrong with a number, in words', () => {
    expect(checkScalar(size, 0)).toBe('at least 1');
    expect(checkScalar(size, 101)).toBe('at most 100');
    expect(checkScalar(size, 2.5)).toBe('enter a whole number');
    expect(checkScalar(size, Number.NaN)).toBe('enter a number');
    expect(checkScalar(size, 50)).toBeNull();
    expect(checkScalar({ type: 'number', integer: false, exclusiveMin: 0 }, 0)).toBe('must be greater than 0');
  });
  it('checks names against their pattern', () => {
    const name = { type: 'string', minLength: 1, pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } as const;
    expect(checkScalar(name, '')).toBe('required');
    expect(checkScalar(name, '1x')).toMatch(/letter/);
    expect(checkScalar(name, 'loc')).toBeNull();
  });
});

describe('helpers', () => {
  it('writes limits and option labels for people', () => {
    expect(limitsHint({ type: 'number', integer: true, min: 1, max: 65536 })).toBe('1 – 65,536, whole number');
    expect(limitsHint({ type: 'number', integer: false, exclusiveMin: 0, max: 10 })).toBe('> 0 and ≤ 10');
    expect(optionLabel('score-function')).toBe('Score function');
    expect(optionLabel('relu')).toBe('ReLU');
    expect(optionLabel('posterior')).toBe('Posterior');
  });
  it('parses number text, leaving half-typed text unparsed', () => {
    expect(parseNumber(' 1e-3 ')).toBe(0.001);
    expect(parseNumber('')).toBeNull();
    expect(parseNumber('1e')).toBeNull();
  });
});
