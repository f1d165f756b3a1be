import type { Inspection } from '../../../../shared/protocol/runs';

/** Whether the Samples tab has something to show: image data's prior samples or reconstructions, or why the samples are missing; a bag-of-words model's words; a sentence model's sentences. */
export function hasSamples(inspection: Inspection | undefined): boolean {
  return Boolean(inspection?.priorSamples || inspection?.reconstructions || inspection?.notes?.priorSamples || inspection?.bagOfWords || inspection?.sentences);
}
