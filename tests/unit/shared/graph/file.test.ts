import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRegistry, CURRENT_SCHEMA_VERSION, GraphFileError, migrate, MIGRATIONS, parseGraphFile, serializeGraphFile, type Migration } from '../../../../shared/graph/index';
import { APP_VERSION } from '../../../../shared/version';
import { examplePath, loadExample } from '../../../helpers/examples';

const vaeText = readFileSync(examplePath('vae-mnist.json'), 'utf8');

function errorOf(text: string, ...rest: Parameters<typeof parseGraphFile> extends [string, ...infer R] ? R : never): GraphFileError {
  try {
    parseGraphFile(text, ...rest);
  } catch (e) {
    if (e instanceof GraphFileError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('graph file format', () => {
  it('round-trips an example through serialize and parse unchanged', () => {
    const doc = loadExample('vae-mnist');
    const again = parseGraphFile(serializeGraphFile(doc));
    expect(again).toEqual(doc);
    expect(serializeGraphFile(again)).toBe(serializeGraphFile(doc));
  });

  it('writes the header first: format, schemaVersion, appVersion', () => {
    const text = serializeGraphFile(loadExample('classifier-mnist'));
    expect(Object.keys(JSON.parse(text)).slice(0, 3)).toEqual(['format', 'schemaVersion', 'appVersion']);
    expect(JSON.parse(text).appVersion).toBe(APP_VERSION);
  });

  it('keeps the layout apart from the graph', () => {
    const doc = loadExample('vae-mnist');
    expect(Object.keys(doc.layout.nodes).sort()).toEqual(doc.graph.nodes.map((n) => n.id).sort());
    expect(JSON.stringify(doc.graph)).not.toContain('"x":0');
  });

  it('refuses an empty file', () => {
    expect(errorOf('').kind).toBe('corrupt');
  });

  it('refuses a truncated file, saying it is not valid JSON and where', () => {
    const e = errorOf(vaeText.slice(0, vaeText.length / 2));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/not valid JSON/);
    expect(e.message).toMatch(/truncated/);
  });

  it('refuses corrupt bytes with the line and column', () => {
    const e = errorOf(vaeText.replace('"graph": {', '"graph": {,,'));
    expect(e.kind).toBe('corrupt');
    expect(e.message).toMatch(/line \d+, column \d+/);
  });

  it('refuses JSON that is not a graph', () => {
    expect(errorOf('[1,2,3]').kind).toBe('not-a-graph');
    const e = errorOf('{"format":"something.else","schemaVersion":1}');
    expect(e.kind).toBe('not-a-graph');
    expect(e.message).toContain('"something.else"');
  });

  it('refuses a file written by a newer version, saying so', () => {
    const newer = vaeText.replace(`"schemaVersion": ${CURRENT_SCHEMA_VERSION}`, `"schemaVersion": ${CURRENT_SCHEMA_VERSION + 1}`).replace('"appVersion": "0.1.0"', '"appVersion": "9.0.0"');
    const e = errorOf(newer);
    expect(e.kind).toBe('newer-version');
    expect(e.message).toContain('Latent Studio 9.0.0');
    expect(e.message).toContain(`reads up to version ${CURRENT_SCHEMA_VERSION}`);
    expect(e.message).toMatch(/Update Latent Studio/);
  });

  it('refuses wrong types with the path of each problem', () => {
    const bad = JSON.parse(vaeText);
    bad.graph.nodes[1].name = 42;
    bad.training.batchSize = 'big';
    const e = errorOf(JSON.stringify(bad));
    expect(e.kind).toBe('invalid');
    expect(e.details.some((d) => d.startsWith('graph.nodes[1].name'))).toBe(true);
    expect(e.details.some((d) => d.startsWith('training.batchSize'))).toBe(true);
  });

  it('says what is wrong in sentences, not schema paths', () => {
    const bad = JSON.parse(vaeText);
    bad.graph.nodes[4].kind = 7;
    bad.training.batchSize = 'big';
    const e = errorOf(JSON.stringify(bad));
    const name = bad.graph.nodes[4].name;
    expect(e.message).toContain(`node 5 \u201c${name}\u201d's kind must be text, not a number`);
    expect(e.message).toContain('the training setting batchSize must be a number, not text');
    expect(e.message).not.toMatch(/Invalid input|expected \w+, received/);
    const nodesAsText = JSON.parse(vaeText);
    nodesAsText.graph.nodes = 'none';
    expect(errorOf(JSON.stringify(nodesAsText)).message).toBe("the graph file is not valid: the graph's node list must be a list, not text");
    const noEdges = JSON.parse(vaeText);
    delete noEdges.graph.edges;
    expect(errorOf(JSON.stringify(noEdges)).message).toBe("the graph file is not valid: the graph's edge list is missing");
  });

  it('runs the named migrations after the file version, in order', () => {
    const migrations: Migration[] = [
      { name: 'add-meta', from: 1, to: 2, up: (f) => ({ ...f, meta: { title: 'migrated' }, trail: ['add-meta'] }) },
      { name: 'rename-links', from: 2, to: 3, up: (f) => ({ ...f, edges: f.links, trail: [...((f.trail as string[]) ?? []), 'rename-links'] }) },
    ];
    checkRegistry(migrations, 3);
    const fromOne = migrate({ schemaVersion: 1, links: [1] }, 1, migrations);
    expect(fromOne.applied).toEqual(['add-meta', 'rename-links']);
    expect(fromOne.file).toMatchObject({ schemaVersion: 3, edges: [1], trail: ['add-meta', 'rename-links'] });
    const fromTwo = migrate({ schemaVersion: 2, links: [2] }, 2, migrations);
    expect(fromTwo.applied).toEqual(['rename-links']);
    expect(fromTwo.file).toMatchObject({ schemaVersion: 3, edges: [2] });
  });

  it('migrates a version-1 file: its samples per example become the ELBO objective, the rest stays', () => {
    for (const name of ['vae-mnist', 'classifier-mnist', 'vae-two-moons']) {
      const v1 = readFileSync(`tests/fixtures/graphs/v1/${name}.json`, 'utf8');
      const raw = JSON.parse(v1);
      expect(raw.schemaVersion).toBe(1);
      const doc = parseGraphFile(v1);
      expect(doc.training.objective).toEqual({ kind: 'elbo', samples: raw.training.samples, beta: 1, warmupSteps: 0, freeBits: 0, freeBitsPer: 'dimension' });
      expect('samples' in doc.training).toBe(false);
      expect(doc.graph).toEqual(raw.graph);
      // The example shipped today is that file at version 2.
      expect(doc).toEqual(parseGraphFile(readFileSync(`assets/examples/${name}.json`, 'utf8')));
    }
    const three = migrate({ schemaVersion: 1, training: { samples: 3, batchSize: 7 } }, 1);
    expect(three).toEqual({ applied: ['objective-setting'], file: { schemaVersion: 2, training: { batchSize: 7, objective: { kind: 'elbo', samples: 3 } } } });
  });

  it('rejects a migration registry with a gap', () => {
    expect(() => checkRegistry([{ name: 'skip', from: 1, to: 3, up: (f) => f }], 3)).toThrow(/expected 1→2/);
    expect(() => checkRegistry(MIGRATIONS)).not.toThrow();
  });

  it('fuzz: any text either parses or is refused with a GraphFileError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.integer({ min: 0, max: vaeText.length }).map((n) => vaeText.slice(0, n))), (text) => {
        try {
          parseGraphFile(text);
        } catch (e) {
          expect(e).toBeInstanceOf(GraphFileError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('fuzz: mutating one value of a valid file never crashes the parser', () => {
    const base = JSON.parse(vaeText);
    const paths: string[][] = [];
    const walk = (v: unknown, p: string[]) => {
      if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...p, k]);
      else paths.push(p);
    };
    walk(base, []);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const copy = structuredClone(base);
        let o = copy;
        for (const k of path.slice(0, -1)) o = o[k];
        o[path.at(-1)!] = value;
        try {
          parseGraphFile(JSON.stringify(copy));
        } catch (e) {
          expect(e).toBeInstanceOf(GraphFileError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
