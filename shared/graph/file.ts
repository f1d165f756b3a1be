import { fileIssueSentence } from './file-issue';
import { APP_VERSION } from '../version';
import { CURRENT_SCHEMA_VERSION, GRAPH_FORMAT } from './format';
import { graphFileSchema, type GraphFile, type GraphFileInput } from './document';
import { MIGRATIONS, migrate, type Migration } from './migrations';

/** Why a file could not be opened. */
export type GraphFileErrorKind = 'corrupt' | 'not-a-graph' | 'newer-version' | 'invalid';

/** A file that cannot be opened, with a message a person can act on. */
export class GraphFileError extends Error {
  constructor(
    readonly kind: GraphFileErrorKind,
    message: string,
    /** For `invalid`: each problem with the JSON path where it is. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'GraphFileError';
  }
}

function jsonPosition(text: string, error: unknown): string {
  const m = /position (\d+)/.exec(String(error));
  if (!m) return '';
  const pos = Number(m[1]);
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  const column = pos - before.lastIndexOf('\n');
  return ` at line ${line}, column ${column}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, k) => (typeof k === 'number' ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)), '');
}

/**
 * Parses a graph file's text: JSON, header, migrations, then the schema. Every failure is a
 * GraphFileError saying what is wrong and where; nothing is guessed.
 */
export function parseGraphFile(text: string, migrations: readonly Migration[] = MIGRATIONS, currentVersion = CURRENT_SCHEMA_VERSION): GraphFile {
  if (text.trim() === '') throw new GraphFileError('corrupt', 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new GraphFileError('corrupt', `the file is not valid JSON${jsonPosition(text, e)} (it may be truncated or damaged)`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new GraphFileError('not-a-graph', 'the file holds JSON but not a Latent Studio graph (expected an object with a "format" header)');
  }
  const obj = raw as Record<string, unknown>;
  if (obj.format !== GRAPH_FORMAT) {
    const got = obj.format === undefined ? 'no "format" field' : `format ${JSON.stringify(obj.format)}`;
    throw new GraphFileError('not-a-graph', `not a Latent Studio graph: ${got} (expected "${GRAPH_FORMAT}")`);
  }
  const version = obj.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new GraphFileError('invalid', `the header's schemaVersion must be a positive whole number (got ${JSON.stringify(version)})`);
  }
  if (version > currentVersion) {
    const by = typeof obj.appVersion === 'string' ? `Latent Studio ${obj.appVersion}` : 'a newer Latent Studio';
    throw new GraphFileError(
      'newer-version',
      `this file was written by ${by} (graph format version ${version}); this is Latent Studio ${APP_VERSION}, which reads up to version ${currentVersion}. Update Latent Studio to open it.`,
    );
  }
  const { file } = migrate(obj, version, migrations);
  const parsed = graphFileSchema.safeParse(file);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const details = issues.map((i) => `${formatPath(i.path) || '(file)'}: ${fileIssueSentence(i, file)}`);
    const sentences = issues.slice(0, 5).map((i) => fileIssueSentence(i, file));
    throw new GraphFileError('invalid', `the graph file is not valid: ${sentences.join('; ')}${issues.length > 5 ? ` (and ${issues.length - 5} more)` : ''}`, details);
  }
  return parsed.data;
}

/** Fills defaults and checks a document built in code (examples, tests, the editor). */
export function makeGraphFile(input: Omit<GraphFileInput, 'format' | 'schemaVersion' | 'appVersion'>): GraphFile {
  return graphFileSchema.parse({ format: GRAPH_FORMAT, schemaVersion: CURRENT_SCHEMA_VERSION, appVersion: APP_VERSION, ...input });
}

/** The file's text: header first, stable key order, two-space indent, trailing newline. */
export function serializeGraphFile(doc: GraphFile): string {
  const ordered = {
    format: GRAPH_FORMAT,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    appVersion: APP_VERSION,
    meta: doc.meta,
    graph: doc.graph,
    training: doc.training,
    layout: doc.layout,
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

