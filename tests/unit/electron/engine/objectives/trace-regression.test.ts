import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseGraphFile } from '../../../../../shared/graph/index';
import { initBackend } from '../../../../../electron/engine/backend';
import { prepareTraining, train } from '../../../../../electron/engine/train/trainer';
import { tinyVae } from '../../../../helpers/tiny-graphs';

beforeAll(async () => {
  await initBackend('wasm');
});

/**
 * Numbers the engine produced before objectives were separated from the walk over the graph
 * (commit a17b478: the walker built the ELBO itself, S samples were tiled rows): the means of
 * ELBO, reconstruction and KL over steps 1–50 and 51–100, and the held-out ELBO at step 100. The
 * trace-and-objective engine must train these models to the same numbers.
 */
const BEFORE = {
  tiny: { reports: [-2.996305365562439, -2.921849627494812, 0.07445571504533291, -2.3761486196517945, -2.295978422164917, 0.08017019368708134], valElbo: -2.4822874069213867 },
  tinyFourSamples: { reports: [-3.0094989681243898, -2.936314024925232, 0.07318494237959385, -2.3635882759094238, -2.2908220434188844, 0.0727661658078432], valElbo: -2.4765106201171876 },
  moonsV1: { reports: [-2.074904963970184, -2.0053855395317077, 0.06951933916658164, -1.8906288051605225, -1.4793106746673583, 0.4113181734085083], valElbo: -1.8669615173339844 },
};

async function reports(doc: ReturnType<typeof tinyVae>) {
  const p = prepareTraining(doc, '.');
  const out: number[] = [];
  const r = await train(p, { steps: 100, reportEvery: 50, onEvent: (e) => e.type === 'metrics' && out.push(e.elbo, e.reconstruction, ...Object.values(e.kl)) });
  p.model.dispose();
  return { reports: out, valElbo: r.valElbo };
}

function expectSame(actual: { reports: number[]; valElbo: number }, expected: { reports: number[]; valElbo: number }) {
  expect(actual.reports).toHaveLength(expected.reports.length);
  // Float32 sums may be ordered differently now (mean of the reconstruction minus mean of the KL); 100 Adam steps keep them within 1e-3.
  actual.reports.forEach((v, i) => expect(Math.abs(v - expected.reports[i]!), `report value ${i}: ${v} vs ${expected.reports[i]}`).toBeLessThan(1e-3));
  expect(Math.abs(actual.valElbo - expected.valElbo)).toBeLessThan(1e-3);
}

describe('the trace-and-objective engine', () => {
  it('trains a small VAE to the numbers of the engine before it', async () => {
    expectSame(await reports(tinyVae()), BEFORE.tiny);
  });

  it('averages four samples per example as the tiled rows did', async () => {
    expectSame(await reports(tinyVae({ objective: { kind: 'elbo', samples: 4 } })), BEFORE.tinyFourSamples);
  });

  it('opens a version-1 file (samples per example at the top of the training settings) and trains it to the same numbers', async () => {
    const v1 = readFileSync('tests/fixtures/graphs/v1/vae-two-moons.json', 'utf8');
    expect(JSON.parse(v1).schemaVersion).toBe(1);
    const doc = parseGraphFile(v1);
    expect(doc.training.objective).toEqual({ kind: 'elbo', samples: 1, beta: 1, warmupSteps: 0, freeBits: 0, freeBitsPer: 'dimension' });
    expectSame(await reports(doc), BEFORE.moonsV1);
  });
});
