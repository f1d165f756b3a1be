import { z } from 'zod';
import { type RunSummary, runSummarySchema } from '../../../shared/protocol/runs';

/** The header every run.json carries, so later versions can migrate it. */
export const RUN_FILE_FORMAT = 'latent-studio.run';
export const RUN_FILE_VERSION = 1;

/** A run.json that cannot be used: its message says what is wrong, for the run history to show. */
export class RunFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFileError';
  }
}

/** What run.json holds besides the summary: where the run's relative data paths resolve. */
export interface RunFileExtras {
  /** Folder that relative data paths of the graph resolve against (kept so a resume finds the same data). */
  readonly baseDir?: string;
}

const headerSchema = z.object({ format: z.string().optional(), version: z.number().optional() });
const extrasSchema = z.object({ baseDir: z.string().optional() });

/**
 * run.json's text: the header, then the summary's fields at the top level (so the file also reads
 * as a plain RunSummary, which is what an exported bundle's project/run.json is), then the extras.
 */
export function serializeRunFile(summary: RunSummary, extras: RunFileExtras = {}): string {
  const body = { format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION, ...summary, ...(extras.baseDir !== undefined && { baseDir: extras.baseDir }) };
  return `${JSON.stringify(body, null, 1)}\n`;
}

/**
 * Parses a run.json (the run store's, or an exported bundle's project/run.json). A file without a
 * header is read as version 1 (a bare RunSummary); another format or a newer version is refused,
 * never guessed at.
 */
export function parseRunFile(text: string, where: string): { summary: RunSummary } & RunFileExtras {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new RunFileError(`${where} is not valid JSON (${(e as Error).message}); the file is damaged`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new RunFileError(`${where} does not hold a run (expected a JSON object)`);
  const header = headerSchema.safeParse(raw);
  if (!header.success) throw new RunFileError(`${where} has a malformed header (format, version)`);
  const { format, version } = header.data;
  if (format !== undefined && format !== RUN_FILE_FORMAT) throw new RunFileError(`${where} is a '${format}' file, not a Latent Studio run`);
  if (version !== undefined && version > RUN_FILE_VERSION) {
    throw new RunFileError(`${where} was written by a newer Latent Studio (run file version ${version}; this one reads up to ${RUN_FILE_VERSION}): update the app to open it`);
  }
  const summary = runSummarySchema.safeParse(raw);
  if (!summary.success) throw new RunFileError(`${where} is not a valid run: ${z.prettifyError(summary.error).split('\n').slice(0, 4).join('; ')}`);
  const extras = extrasSchema.safeParse(raw);
  return { summary: summary.data, ...(extras.success && extras.data.baseDir !== undefined && { baseDir: extras.data.baseDir }) };
}
