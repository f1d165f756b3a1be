import { z } from 'zod';

/**
 * What the back end says about a data file a graph names, before any run: the editor lists these
 * problems with the node, offers the header's columns and shows the first rows.
 */

/** The kinds of problem a CSV file can have; `missing-file` and `unreadable` come from the file system. */
export const csvProblemKindSchema = z.enum([
  'missing-file',
  'unreadable',
  'empty-file',
  'no-rows',
  'missing-column',
  'duplicate-column',
  'ragged-row',
  'not-a-number',
  'too-large',
  'empty-label',
  'quoting',
]);
export type CsvProblemKindName = z.infer<typeof csvProblemKindSchema>;

/** One problem with a CSV file: its line (1-based) whenever it is on one, and the column. */
export const csvProblemSchema = z.object({
  kind: csvProblemKindSchema,
  message: z.string().max(2000),
  line: z.number().int().min(1).optional(),
  column: z.string().max(2000).optional(),
});
export type CsvProblem = z.infer<typeof csvProblemSchema>;

/** At most this many problems are listed per file (the rest are counted). */
export const CSV_PROBLEMS_LISTED = 20;
/** Data rows shown in the preview. */
export const CSV_PREVIEW_ROWS = 5;

/** A CSV file as the checker read it. */
export const csvInspectionSchema = z.object({
  /** The path as the graph names it. */
  path: z.string(),
  /** The header's column names (empty when the file has none or cannot be read). */
  header: z.array(z.string()).max(10_000),
  /** The first data rows, as written (cells cut short). */
  preview: z.array(z.array(z.string())).max(CSV_PREVIEW_ROWS),
  /** Data rows after the header. */
  rows: z.number().int().min(0),
  problems: z.array(csvProblemSchema).max(CSV_PROBLEMS_LISTED),
  /** Problems found beyond those listed. */
  moreProblems: z.number().int().min(0),
  /** The file's modification time (ms), when it could be read: a change of it means a new check. */
  modified: z.number().optional(),
});
export type CsvInspection = z.infer<typeof csvInspectionSchema>;

/** A data file the picker offers (a CSV or a text file), named as the graph would name it. */
export const dataFileSchema = z.object({ path: z.string(), name: z.string(), modified: z.number(), size: z.number().int().min(0) });
export type DataFile = z.infer<typeof dataFileSchema>;
