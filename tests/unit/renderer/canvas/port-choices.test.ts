import { describe, expect, it } from 'vitest';
import { canConnect } from '../../../../shared/graph/index';
import { compatibleSources } from '../../../../renderer/canvas/port-choices';
import { storeWith } from '../store/fixtures';

describe('compatibleSources', () => {
  it('offers exactly the outputs that canConnect (the drag rule) accepts, labelled node · port', () => {
    const s = storeWith().getState();
    const outputs = [...s.analysis.nodes.values()].flatMap((a) => a.ports.filter((p) => p.direction === 'out').map((p) => ({ node: a.node.id, port: p.name })));
    for (const node of s.graph.nodes) {
      for (const p of s.analysis.nodes.get(node.id)!.ports.filter((q) => q.direction === 'in')) {
        const target = { node: node.id, port: p.name };
        const offered = compatibleSources(s.graph, s.analysis, target, s.checkConnection).map((c) => `${c.node}.${c.port}`);
        const allowed = outputs.filter((o) => canConnect(s.graph, o, target).ok).map((o) => `${o.node}.${o.port}`);
        expect(offered, `${node.name}.${p.name}`).toEqual(allowed);
      }
    }
  });

  it('offers mnist · label to the encoder and keeps class indices away from a latent loc', () => {
    const s = storeWith().getState();
    const choices = (node: string, port: string) => compatibleSources(s.graph, s.analysis, { node, port }, s.checkConnection);
    expect(choices('encoder', 'in').map((c) => c.label)).toEqual(['mnist · label']);
    expect(choices('z', 'loc').map((c) => c.label)).not.toContain('mnist · label');
  });
});
