import type { LabManager } from '../engine/lab/lab-manager';
import type { Handlers } from './handler-types';
import { asApiErrors } from './run-errors';

/** What the lab methods need. */
export interface LabHandlerOptions {
  readonly labs: LabManager;
  /** The folder relative data paths of a graph resolve against, from its file's path as the editor has it. */
  readonly baseDirFor?: (graphPath: string | undefined) => Promise<string | undefined>;
}

/** The lab.* methods over a LabManager; its refusals become ApiErrors with their messages. */
export function createLabHandlers({ labs, baseDirFor }: LabHandlerOptions): Pick<Handlers, 'lab.start' | 'lab.cancel'> {
  return {
    'lab.start': ({ graphPath, ...request }) =>
      asApiErrors(async () => {
        const baseDir = await baseDirFor?.(graphPath);
        return labs.start({ ...request, ...(baseDir !== undefined && { baseDir }) });
      }, 'cannot start the estimator lab'),
    'lab.cancel': async ({ labId }) => {
      labs.cancel(labId);
      return {};
    },
  };
}
