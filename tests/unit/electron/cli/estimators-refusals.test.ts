import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../shared/graph/index';
import { cli } from '../../../helpers/cli';
import { loadExample } from '../../../helpers/examples';

const dir = mkdtempSync(join(tmpdir(), 'ls-cli-estimators-refusals-'));

describe('latent-studio estimators refuses', () => {
  it('exits 1 with the reason for a graph without a latent', () => {
    const path = join(dir, 'classifier.json');
    const doc = loadExample('classifier-mnist');
    doc.graph.nodes.find((n) => n.id === 'mnist')!.params.limit = 100;
    writeFileSync(path, serializeGraphFile(doc));
    const r = cli(['estimators', path, '--samples', '2', '--backend', 'wasm']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/has no latent variable: it is trained by maximum likelihood/);
  });

  it('exits 1 with the problems of an invalid graph', () => {
    const path = join(dir, 'invalid.json');
    const doc = loadExample('mixture-enumeration');
    doc.graph.edges = doc.graph.edges.filter((e) => !(e.target.node === 'c' && e.target.port === 'posterior'));
    doc.graph.nodes.find((n) => n.id === 'c')!.params.estimator = 'score-function';
    writeFileSync(path, serializeGraphFile(doc));
    const r = cli(['estimators', path, '--samples', '2', '--backend', 'wasm']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error +\[node c, port 'posterior'\]/m);
  });
});
