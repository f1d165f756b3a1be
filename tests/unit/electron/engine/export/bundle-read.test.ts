/**
 * Reading exported bundles back: a good bundle parses, and anything else — random bytes, a
 * truncated or corrupted archive, hostile entry names, oversized entries — is refused with a
 * BundleError that says why, without writing anything anywhere (fast-check fuzzes the reader and
 * the import into a run history).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeGraphFile } from '../../../../../shared/graph/index';
import type { RunSummary } from '../../../../../shared/protocol/runs';
import { METRICS_FILE_FORMAT } from '../../../../../electron/engine/export/bundle';
import { BundleError, readBundle } from '../../../../../electron/engine/export/bundle-read';
import { checkEntryName, readZip, writeZip, ZipError } from '../../../../../electron/engine/export/zip';
import { RunManager } from '../../../../../electron/engine/runs/run-manager';
import { serializeRunFile } from '../../../../../electron/engine/runs/run-file';
import { tinyVae } from '../../../../helpers/tiny-graphs';

const GRAPH = serializeGraphFile(tinyVae());
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const SUMMARY: RunSummary = {
  id: '20261126-134501-ab12',
  name: 'Run 4',
  graphName: 'tiny.json',
  createdAt: 1,
  status: 'running',
  settings: { steps: 100, backend: 'cpu' },
  step: 20,
  checkpointStep: 20,
  networks: ['decoder'],
  networksStep: 20,
};
const METRIC = { step: 10, totalSteps: 100, elbo: -3, reconstruction: -2.5, kl: { z: 0.5 }, learningRate: 0.001, stepsPerSec: 100 };
const STATE = new Uint8Array(16).fill(7);

/** The files of a good bundle, by path. */
function bundleFiles(): Record<string, Uint8Array> {
  return {
    'project/run.json': enc(serializeRunFile(SUMMARY)),
    'project/graph.json': enc(GRAPH),
    'project/metrics.json': enc(JSON.stringify({ format: METRICS_FILE_FORMAT, version: 1, metrics: [METRIC], evals: [{ step: 10, valElbo: -3.1, valAccuracy: {} }] })),
    'project/checkpoint/checkpoint.json': enc(JSON.stringify({ format: 'latent-studio.checkpoint', version: 1, step: 20, bytes: STATE.length })),
    'project/checkpoint/state.bin': STATE,
    'networks/decoder/model.json': enc('{"modelTopology": {}}'),
    'networks/decoder/weights.bin': new Uint8Array([1, 2, 3, 4]),
    'metrics.csv': enc('step\n10\n'),
  };
}
const GOOD = zipSync(bundleFiles());

/**
 * A zip of stored entries whose names may be any bytes (`__proto__`, NUL, empty…), which fflate's
 * writer cannot all make. CRCs are left 0: readers that check them would refuse earlier still.
 */
function zipNamed(entries: [string, Uint8Array][]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, Buffer.from(data));
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A run history in a fresh folder, and a snapshot of everything under the folder around it. */
function history() {
  const root = mkdtempSync(join(tmpdir(), 'ls-bundle-fuzz-'));
  roots.push(root);
  const runsDir = join(root, 'project', 'runs');
  mkdirSync(runsDir, { recursive: true });
  const manager = new RunManager({ runsDir, defaultBaseDir: root, warn: () => undefined });
  const list = (): string[] => readdirSync(root, { recursive: true }).map(String).sort();
  return { root, runsDir, manager, list };
}

/** Reads a bundle and imports it: the path runs.import takes. */
async function importBytes(manager: RunManager, bytes: Uint8Array): Promise<RunSummary> {
  return manager.importBundle(readBundle(bytes));
}

describe('a good bundle', () => {
  it('parses into its summary, graph, metrics, checkpoint and networks', () => {
    const b = readBundle(GOOD);
    expect(b.summary).toEqual(SUMMARY);
    expect(b.graphText).toBe(GRAPH);
    expect(b.metrics).toEqual([METRIC]);
    expect(b.evals).toHaveLength(1);
    expect(b.checkpoint?.step).toBe(20);
    expect([...b.networks.keys()]).toEqual(['decoder']);
  });

  it('imports as a new stopped run (it was running when exported), with its files in the run folder only', async () => {
    const h = history();
    const run = await importBytes(h.manager, GOOD);
    expect(run).toMatchObject({ name: 'Run 1 (imported)', status: 'stopped', step: 20, checkpointStep: 20, networks: ['decoder'], networksStep: 20 });
    expect(run.id).not.toBe(SUMMARY.id);
    expect(readdirSync(join(h.runsDir, run.id), { recursive: true }).map(String).sort()).toEqual([
      'checkpoint',
      'checkpoint/checkpoint.json',
      'checkpoint/state.bin',
      'evals.jsonl',
      'graph-text.json',
      'metrics.jsonl',
      'networks',
      'networks/decoder',
      'networks/decoder/model.json',
      'networks/decoder/weights.bin',
      'run.json',
    ]);
    expect((await h.manager.get(run.id)).metrics).toEqual([METRIC]);
  });
});

describe('refusals', () => {
  const refuse = (files: Record<string, Uint8Array>, why: RegExp) => expect(() => readBundle(zipSync(files))).toThrow(why);

  it('says what is wrong with a bundle that is not one this app can read', () => {
    const f = bundleFiles();
    refuse({ ...f, 'project/run.json': enc('{"id": 3}') }, /project\/run\.json is not a valid run/);
    refuse({ ...f, 'project/run.json': enc(serializeRunFile(SUMMARY).replace('"version": 1', '"version": 9')) }, /newer Latent Studio/);
    refuse({ ...f, 'project/graph.json': enc('{"format": "something-else"}') }, /project\/graph\.json does not open/);
    refuse({ ...f, 'project/graph.json': new Uint8Array([0xff, 0xfe, 0x00]) }, /not UTF-8/);
    refuse({ ...f, 'project/metrics.json': enc('{"format": "latent-studio.metrics", "version": 1, "metrics": [{"step": -1}], "evals": []}') }, /metrics\.json is not valid/);
    refuse({ ...f, 'project/checkpoint/state.bin': new Uint8Array(3) }, /checkpoint is damaged: .*3 bytes, its manifest says 16/);
    const { 'project/checkpoint/state.bin': _, ...noState } = f;
    refuse(noState, /checkpoint is incomplete: project\/checkpoint\/state\.bin is missing/);
    const { 'networks/decoder/weights.bin': __, ...noWeights } = f;
    refuse(noWeights, /networks\/decoder\/weights\.bin is missing/);
    refuse({ ...f, 'networks/.hidden/model.json': enc('{}'), 'networks/.hidden/weights.bin': enc('') }, /networks\/\.hidden: a network's folder name/);
  });

  it('refuses hostile entry names outright', () => {
    // The hand-made archive itself is readable: with harmless names it parses.
    expect(readBundle(zipNamed([...Object.entries(bundleFiles()), ['notes/readme.txt', enc('x')]])).summary).toEqual(SUMMARY);
    for (const name of ['../escape', 'project/../../escape', '/etc/passwd', 'C:\\evil', 'C:evil', 'a\\..\\b', 'a\u0000b', '__proto__', 'networks/__proto__/model.json', 'a//b', './a', 'x/./y']) {
      expect(() => readBundle(zipNamed([...Object.entries(bundleFiles()), [name, enc('x')]])), name).toThrow(/refused the entry/);
    }
  });

  it('refuses entries whose declared sizes exceed the limits before inflating them', () => {
    const limits = { maxEntries: 100, maxEntryBytes: 1000, maxTotalBytes: 5000 };
    expect(() => readZip(zipSync({ big: new Uint8Array(2000) }), limits)).toThrow(/is 0 MB uncompressed, more than/);
    const many = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`f${i}`, new Uint8Array(900)]));
    expect(() => readZip(zipSync(many), limits)).toThrow(/add up to more than/);
    const lots = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`f${i}`, new Uint8Array(1)]));
    expect(() => readZip(zipSync(lots), limits)).toThrow(/more than 100 entries/);
  });

  it('writes only safe names into a zip', () => {
    expect(() => writeZip([{ path: '../x', data: new Uint8Array() }])).toThrow(ZipError);
    expect(() => checkEntryName('networks/encoder/model.json')).not.toThrow();
    expect([...readZip(writeZip([{ path: 'a/b.txt', data: enc('hi') }])).keys()]).toEqual(['a/b.txt']);
  });
});

describe('fuzzing the reader and the import (fast-check)', () => {
  /** Anything the import throws must be a BundleError (with a message), and the folder must be unchanged unless it succeeded. */
  async function importIsSafe(h: ReturnType<typeof history>, bytes: Uint8Array): Promise<void> {
    const before = h.list();
    let run: RunSummary | undefined;
    try {
      run = await importBytes(h.manager, bytes);
    } catch (e) {
      expect(e).toBeInstanceOf(BundleError);
      expect((e as Error).message.length).toBeGreaterThan(10);
      expect(h.list()).toEqual(before);
      return;
    }
    // Whatever succeeded wrote only into its own new run folder (and the history's run counter).
    const added = h.list().filter((p) => !before.includes(p) && p !== join('project', 'runs', '.last-run-number'));
    const prefix = join('project', 'runs', run.id);
    expect(added.length).toBeGreaterThan(0);
    for (const p of added) expect(p === prefix || p.startsWith(`${prefix}/`), p).toBe(true);
  }

  it('refuses random bytes with a BundleError', async () => {
    const h = history();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => importIsSafe(h, bytes)),
      { numRuns: 300 },
    );
  });

  it('refuses random bytes after a zip signature (a fake end-of-archive record)', async () => {
    const h = history();
    const eocd = fc.tuple(fc.uint8Array({ maxLength: 512 }), fc.uint8Array({ minLength: 18, maxLength: 18 })).map(([pre, rest]) => new Uint8Array([...pre, 0x50, 0x4b, 0x05, 0x06, ...rest]));
    await fc.assert(fc.asyncProperty(eocd, async (bytes) => importIsSafe(h, bytes)), { numRuns: 300 });
  });

  it('imports or cleanly refuses a good bundle truncated or with bytes changed', async () => {
    const h = history();
    const damaged = fc.oneof(
      fc.nat({ max: GOOD.length - 1 }).map((n) => GOOD.slice(0, n)),
      fc.array(fc.tuple(fc.nat({ max: GOOD.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
        const copy = GOOD.slice();
        for (const [at, value] of edits) copy[at] = value;
        return copy;
      }),
    );
    await fc.assert(fc.asyncProperty(damaged, async (bytes) => importIsSafe(h, bytes)), { numRuns: 300 });
  });

  it('never writes outside the new run folder, whatever the entry names', async () => {
    const h = history();
    const segment = fc.oneof(fc.constantFrom('..', '.', '', '__proto__', 'networks', 'project', 'model.json', 'weights.bin', 'C:', '\\..', 'a\u0000'), fc.string({ maxLength: 6 }));
    const name = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const hostile = fc.array(fc.tuple(name, fc.uint8Array({ maxLength: 8 })), { maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(hostile, fc.boolean(), async (extra, withGood) => {
        const base = withGood ? Object.entries(bundleFiles()) : [];
        await importIsSafe(h, zipNamed([...base, ...extra]));
      }),
      { numRuns: 300 },
    );
  });
});
