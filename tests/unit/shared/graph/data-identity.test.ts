import { describe, expect, it } from 'vitest';
import { dataIdentity, type GraphNode } from '../../../../shared/graph/index';

const node = (kind: string, params: Record<string, unknown>, id = 'n'): GraphNode => ({ id, kind, name: id, params }) as GraphNode;

describe('dataIdentity', () => {
  it('names the data node kind and its settings, whatever their key order', () => {
    const a = dataIdentity({ nodes: [node('nn.mlp', { hidden: [400] }, 'enc'), node('data.mnist', { binarize: true, limit: 1000 }, 'x')] });
    const b = dataIdentity({ nodes: [node('data.mnist', { limit: 1000, binarize: true }, 'data')] });
    expect(a).toBe('data.mnist {"binarize":true,"limit":1000}');
    expect(b).toBe(a);
  });

  it('tells different settings apart and has nothing to say without a data node', () => {
    expect(dataIdentity({ nodes: [node('data.mnist', { binarize: false, limit: 1000 })] })).not.toBe(dataIdentity({ nodes: [node('data.mnist', { binarize: true, limit: 1000 })] }));
    expect(dataIdentity({ nodes: [node('nn.mlp', {})] })).toBeUndefined();
  });
});
