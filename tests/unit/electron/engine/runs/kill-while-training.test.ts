/**
 * A process killed with SIGKILL in the middle of a run loses nothing: a fresh run manager over the
 * same folder lists the run as stopped (not running, not damaged) with the checkpoint on disk, its
 * metric log reads (a torn last line is dropped, not fatal) and holds every report up to that
 * checkpoint, and a resume continues from the checkpoint's step, the merged metrics with no step
 * twice and none missing. A real child process (train-loop.child.ts: the web-mode back end with a
 * real training worker) is killed at random moments, checkpoints falling every 4 steps so that
 * some kills land in one; the seed is in every failure message (replay with KILL_SEED=<seed>).
 */
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runsFolder } from '../../../../../electron/api/handlers';
import { RunManager } from '../../../../../electron/engine/runs/run-manager';
import { KillableChild, killSeed, sleep } from '../../../../helpers/killable-child';

const child = fileURLToPath(new URL('./train-loop.child.ts', import.meta.url));
const project = realpathSync(mkdtempSync(join(tmpdir(), 'ls-kill-run-')));
afterAll(() => rmSync(project, { recursive: true, force: true }));

type Line = { event: 'updated'; status: string; step: number; checkpointStep: number | null; error?: string } | { event: 'metrics'; steps: number[] } | { event: 'started'; runId: string };
const parse = (line: string): Line => JSON.parse(line) as Line;
/** Reports fall on multiples of 10 (the worker's REPORT_EVERY). */
const reportsUpTo = (step: number) => Array.from({ length: Math.floor(step / 10) }, (_, i) => 10 * (i + 1));

/** KILL_COUNT=<n> in the environment runs more (a soak: `KILL_COUNT=100 npx vitest run <this file>`). */
const KILLS = Number(process.env.KILL_COUNT ?? 6);

describe('a run killed with SIGKILL', () => {
  it(`lists as stopped at its last checkpoint, keeps every report up to it and resumes from it (${KILLS} kills at random moments)`, async () => {
    const t0 = performance.now();
    const { seed, rng } = killSeed(3003);
    const runsDir = runsFolder(project);
    let runId = '';
    let checkpoint = 0;
    const torn: number[] = [];
    const inCheckpoint: number[] = [];
    for (let kill = 1; kill <= KILLS; kill++) {
      const where = `kill ${kill} of ${KILLS} (seed ${seed}, replay with KILL_SEED=${seed})`;
      const proc = new KillableChild(child, kill === 1 ? [project, 'start'] : [project, 'resume', runId]);
      if (kill === 1) {
        runId = (parse(await proc.waitFor((l) => parse(l).event === 'started', `the run's id (${where})`)) as { runId: string }).runId;
        // The first kill waits for a checkpoint: a run killed before its first one has nothing to resume from.
        await proc.waitFor((l) => { const e = parse(l); return e.event === 'updated' && e.checkpointStep !== null; }, `a first checkpoint (${where})`);
      } else {
        const first = parse(await proc.waitFor((l) => parse(l).event === 'metrics', `a first report after resuming (${where})`)) as { steps: number[] };
        expect(first.steps[0], `the first report after resuming from the checkpoint at step ${checkpoint} (${where})`).toBe(reportsUpTo(checkpoint + 10).at(-1));
      }
      await sleep(rng.next() * 1500);
      const lines = (await proc.kill()).map(parse);
      const runDir = join(runsDir, runId);
      // A kill inside a checkpoint swap leaves its temporary or previous folder beside it.
      if (existsSync(join(runDir, 'checkpoint.tmp')) || existsSync(join(runDir, 'checkpoint.old'))) inCheckpoint.push(kill);
      // Every line of the log is a whole record, but for a last one a kill may have cut short.
      const logLines = readFileSync(join(runDir, 'metrics.jsonl'), 'utf8').split('\n');
      const unparsable = logLines.slice(0, -1).filter((l) => { try { JSON.parse(l); return false; } catch { return true; } });
      expect(unparsable, `damaged lines before the end of metrics.jsonl after ${where}`).toEqual([]);
      if (logLines.at(-1) !== '') torn.push(kill);
      const announced = Math.max(checkpoint, ...lines.flatMap((e) => (e.event === 'updated' && e.checkpointStep !== null ? [e.checkpointStep] : [])));

      // What the next start of the app sees.
      const warnings: string[] = [];
      const manager = new RunManager({ runsDir, defaultBaseDir: project, warn: (w) => warnings.push(w) });
      const runs = await manager.list();
      expect(runs.map((r) => [r.id, r.status, r.error?.message]), `the run history after ${where}`).toEqual([[runId, 'stopped', undefined]]);
      const cp = runs[0]!.checkpointStep;
      expect(cp, `the checkpoint after ${where}: the last one announced was at step ${announced}`).not.toBeNull();
      expect(cp!, `the checkpoint after ${where}`).toBeGreaterThanOrEqual(announced);
      const detail = await manager.get(runId);
      const steps = detail.metrics.map((m) => m.step);
      expect(steps.filter((s) => s <= cp!), `the reports up to the checkpoint at step ${cp} after ${where}`).toEqual(reportsUpTo(cp!));
      expect(steps, `the metric log after ${where}: no step twice, in order`).toEqual([...new Set(steps)].sort((a, b) => a - b));
      // An evaluation every 4 steps (evalEvery), none lost up to the checkpoint, none twice.
      const evalSteps = detail.evals.map((e) => e.step);
      expect(evalSteps.filter((s) => s <= cp!), `the evaluations up to the checkpoint at step ${cp} after ${where}`).toEqual(Array.from({ length: Math.floor(cp! / 4) }, (_, i) => 4 * (i + 1)));
      expect(evalSteps, `the evaluation log after ${where}: no step twice, in order`).toEqual([...new Set(evalSteps)].sort((a, b) => a - b));
      expect(warnings.filter((w) => !/damaged line/.test(w)), `warnings after ${where}`).toEqual([]);
      await manager.dispose();
      checkpoint = cp!;
    }
    const runDir = join(runsDir, runId);
    const csvSteps = readFileSync(join(runDir, 'metrics.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => Number(l.split(',')[0]));
    expect(csvSteps.filter((s) => s <= checkpoint), 'metrics.csv up to the last checkpoint').toEqual(reportsUpTo(checkpoint));
    console.log(`seed ${seed}: ${KILLS} kills in ${((performance.now() - t0) / 1000).toFixed(1)} s, the run reached step ${checkpoint}; kill(s) ${inCheckpoint.join(', ') || 'none'} landed in a checkpoint swap; a torn last metric line after kill(s) ${torn.join(', ') || 'none'}`);
  }, 30_000 + KILLS * 20_000);
});
