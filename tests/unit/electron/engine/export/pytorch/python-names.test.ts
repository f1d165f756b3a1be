import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { NameTable, pythonIdentifier } from '../../../../../../electron/engine/export/pytorch/python-names';

describe('Python names for graph names', () => {
  it('keeps readable names and mends the rest', () => {
    expect(pythonIdentifier('encoder')).toBe('encoder');
    expect(pythonIdentifier('q(z | x)')).toBe('q_z_x');
    expect(pythonIdentifier('2nd layer')).toBe('n_2nd_layer');
    expect(pythonIdentifier('lambda')).toBe('lambda_');
    expect(pythonIdentifier('λ')).toBe('node');
  });

  it('hands out valid, distinct identifiers for any names', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 20 }), (names) => {
      const table = new NameTable();
      const ids = names.map((n) => table.claim(n));
      for (const id of ids) expect(id).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).not.toContain('self');
    }));
  });
});
