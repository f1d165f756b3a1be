import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MetricsCsv, readElboReports } from '../../../../../electron/engine/train/metrics-csv';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-metrics-csv-'));
  path = join(dir, 'metrics.csv');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const COLUMNS = ['step', 'elbo', 'val_elbo'];
const WHOLE = 'step,elbo,val_elbo\n10,-5.5,\n20,-5.25,-5\n';

describe('metrics.csv after a kill', () => {
  it('drops a row cut short by a kill when a resumed run reopens the file, and appends after whole rows', async () => {
    // The row of step 30 was being appended ("30,-5.125,\n") when the process died.
    for (const torn of ['3', '30,-5.1']) {
      writeFileSync(path, `${WHOLE}${torn}`);
      const csv = new MetricsCsv(path, COLUMNS);
      await csv.open(40);
      csv.append({ step: 30, elbo: -5.125 });
      expect(readFileSync(path, 'utf8'), `after a torn row ${JSON.stringify(torn)}`).toBe(`${WHOLE}30,-5.125,\n`);
    }
  });

  it('keeps the rows up to the checkpoint a run resumes from', async () => {
    writeFileSync(path, `${WHOLE}30,-5.125,\n`);
    await new MetricsCsv(path, COLUMNS).open(20);
    expect(readFileSync(path, 'utf8')).toBe(WHOLE);
  });

  it('reads no ELBO from a row cut short (its number could be a prefix of the one written)', () => {
    writeFileSync(path, `${WHOLE}30,-5.1`);
    expect(readElboReports(path, 40)).toEqual([
      { step: 10, elbo: -5.5 },
      { step: 20, elbo: -5.25 },
    ]);
  });
});
