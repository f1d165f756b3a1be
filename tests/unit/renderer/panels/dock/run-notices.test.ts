import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../../../shared/protocol/runs';
import { runNotice } from '../../../../../renderer/panels/dock/run-notices';
import { tabsFor } from '../../../../../renderer/panels/dock/dock-tabs';

function run(extra: Partial<RunSummary>): RunSummary {
  return { id: 'r1', name: 'Run 1', graphName: 'vae.json', createdAt: 0, status: 'running', settings: { backend: 'auto' }, step: 0, checkpointStep: null, networks: [], ...extra };
}

describe('runNotice', () => {
  it('announces a finished classifier with its log-likelihoods and accuracy, not an ELBO', () => {
    const done = run({ status: 'done', step: 600, elbo: -0.44, valElbo: -0.36, valAccuracy: { label: 0.8912 } });
    expect(runNotice(run({}), done, false)).toEqual({ tone: 'info', text: 'Run 1 finished: log-likelihood −0.44, held-out −0.36, held-out accuracy 89.1% after 600 steps.' });
  });

  it('announces a finished run with its ELBOs, once', () => {
    const done = run({ status: 'done', step: 2000, elbo: -94.4, valElbo: -92.87 });
    expect(runNotice(run({}), done)).toEqual({ tone: 'info', text: 'Run 1 finished: ELBO −94.40, held-out −92.87 after 2,000 steps.' });
    expect(runNotice(done, done)).toBeNull();
  });

  it('says a stopped run can be resumed when it has a checkpoint', () => {
    expect(runNotice(run({ status: 'running' }), run({ status: 'stopped', step: 210, checkpointStep: 210 }))?.text).toBe('Run 1 stopped at step 210; it can be resumed from its checkpoint.');
    // A run listed as stopped when the history loads is not news.
    expect(runNotice(run({ status: 'failed' }), run({ status: 'stopped' }))).toBeNull();
  });

  it('alerts a failure with its message and what is kept', () => {
    const failed = run({ status: 'failed', step: 37, checkpointStep: 30, error: { kind: 'non-finite', message: 'NaN in scale of q_z at step 37' } });
    expect(runNotice(run({}), failed)).toEqual({ tone: 'alert', text: 'Run 1 failed: NaN in scale of q_z at step 37. The run is kept up to its checkpoint at step 30.' });
    expect(runNotice(run({}), { ...failed, checkpointStep: null })?.text).toBe('Run 1 failed: NaN in scale of q_z at step 37.');
  });

  it('says nothing about starting, running or pausing', () => {
    expect(runNotice(undefined, run({ status: 'starting' }))).toBeNull();
    expect(runNotice(run({}), run({ status: 'paused' }))).toBeNull();
  });
});

describe('tabsFor', () => {
  it('offers the views that apply to what the run has shown', () => {
    expect(tabsFor(undefined)).toEqual(['curves', 'runs', 'lab']);
    const image = { width: 28, height: 28, count: 1, pixels: 'AA==' };
    expect(tabsFor({ step: 1, priorSamples: { observed: 'x', images: image }, latentMaps: [{ latent: 'z', method: 'pca', points: [0, 0] }] })).toEqual(['curves', 'samples', 'latent', 'runs', 'lab']);
    expect(tabsFor({ step: 1, samples2d: { observed: 'x', data: [0, 1], samples: [1, 0] }, latentMaps: [] })).toEqual(['curves', 'data', 'runs', 'lab']);
    // A conditional decoder has no prior samples: the tab stays, to say why.
    expect(tabsFor({ step: 1, notes: { priorSamples: 'No samples from the prior: …' } })).toEqual(['curves', 'samples', 'runs', 'lab']);
    // A bag-of-words model shows its samples as words.
    expect(tabsFor({ step: 1, bagOfWords: { observed: 'words', prior: [[{ word: 'a', p: 0.5 }]], reconstructions: [] } })).toEqual(['curves', 'samples', 'runs', 'lab']);
    // A sentence model shows its samples as sentences.
    expect(tabsFor({ step: 1, sentences: { observed: 'words', prior: ['call me ishmael .'], reconstructions: [] } })).toEqual(['curves', 'samples', 'runs', 'lab']);
  });
});
