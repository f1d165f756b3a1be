import { z } from 'zod';
import { defineKind, describePortOf } from './kind';
import { dataPorts, dataType } from './data-outputs';
import { heldOutFraction } from './held-out';

export const csvParams = z.object({
  /** Path of the CSV file (absolute, or relative to the graph file). */
  path: z.string().min(1).describe('File'),
  /** Numeric columns that form x, in this order. */
  columns: z.array(z.string().min(1)).min(1).max(10_000).describe('Columns'),
  /** Optional column holding each row's class; its distinct values become classes. */
  labelColumn: z.string().min(1).optional().describe('Label column'),
  heldOutFraction,
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(0).describe('Split seed'),
});
export type CsvParams = z.infer<typeof csvParams>;

/** A user's CSV file: numeric columns picked by name, optional label column. */
export const csvKind = defineKind<CsvParams>({
  kind: 'data.csv',
  displayName: 'CSV file',
  category: 'data',
  description: 'Rows of a CSV file: chosen numeric columns as x, an optional label column as classes.',
  params: csvParams,
  ports: (p) => dataPorts(`[${p.columns.length}]`, 'class of K (read from the file)'),
  // The classes of the label column are only known once the file is read: the engine checks them.
  infer: ({ params }) => ({ x: dataType(params.columns.length, 'real'), label: dataType(1, 'index', null) }),
  summary: (p) => `CSV ${p.path.split(/[\\/]/).pop() ?? p.path}, ${p.columns.length} column${p.columns.length === 1 ? '' : 's'}${p.labelColumn ? `, label '${p.labelColumn}'` : ''}`,
  describeOutput: describePortOf,
});
