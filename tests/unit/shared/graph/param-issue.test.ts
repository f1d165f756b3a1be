import { describe, expect, it } from 'vitest';
import { analyzeGraph, type Graph } from '../../../../shared/graph/index';

/** The invalid-param messages of a graph of one node. */
function messages(kind: string, params: Record<string, unknown>): string[] {
  const graph: Graph = { nodes: [{ id: 'n', kind, name: 'n', params }], edges: [] };
  return analyzeGraph(graph).problems.filter((p) => p.code === 'invalid-param').map((p) => p.message);
}

describe('a parameter out of its range, said as a sentence', () => {
  it('says a missing file path is required, not what zod expected', () => {
    expect(messages('data.csv', { columns: ['a'] })).toEqual(['CSV file n: path: required']);
    expect(messages('data.csv', { path: '', columns: ['a'] })).toEqual(['CSV file n: path: must not be empty']);
  });

  it('gives the bounds of numbers and lists', () => {
    expect(messages('dist.normal', { role: 'latent', size: 0 })).toEqual(['Normal n: size: must be at least 1']);
    expect(messages('dist.normal', { role: 'latent', size: 200_000 })).toEqual(['Normal n: size: must be at most 100,000']);
    expect(messages('dist.normal', { role: 'latent', size: 2.5 })).toEqual(['Normal n: size: must be a whole number']);
    expect(messages('dist.normal', { role: 'latent', scale: 0 })).toEqual(['Normal n: scale: must be more than 0']);
  });

  it('lists the choices of a setting', () => {
    expect(messages('dist.normal', { role: 'hidden' })).toEqual(['Normal n: role: must be one of observed, latent, posterior']);
  });
});
