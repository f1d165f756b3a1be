import type { DataFile } from '../../../../shared/protocol/data';
import { FieldRow } from '../FieldRow';
import { TextInput } from '../TextInput';

/** Props of {@link CsvFileField}. */
export interface CsvFileFieldProps {
  readonly id: string;
  readonly path: string | undefined;
  /** The CSV files the graph may name (null while they are being listed). */
  readonly files: readonly DataFile[] | null;
  readonly error: string | null;
  readonly onCommit: (path: string | undefined) => void;
}

const PATH_SPEC = { type: 'string', minLength: 1 } as const;

function pickerLabel(files: readonly DataFile[] | null): string {
  if (files === null) return 'Looking for CSV files…';
  if (files.length === 0) return 'No CSV files found';
  return `Pick one of ${files.length} CSV file${files.length === 1 ? '' : 's'}…`;
}

/**
 * A CSV node's file: the path as typed (relative to the graph's folder, or absolute on the
 * desktop), with a picker over the CSV files found beside the graph (web mode: in the project
 * folder). Picking fills the path; the path stays editable for a file the list does not show.
 */
export function CsvFileField({ id, path, files, error, onCommit }: CsvFileFieldProps) {
  const describedBy = `${id}-desc`;
  return (
    <FieldRow htmlFor={id} label="File" error={error} hint="relative to the graph's folder" describedById={describedBy}>
      <div className="csv-file">
        <TextInput id={id} spec={PATH_SPEC} value={path} describedBy={describedBy} placeholder="data.csv" externalError={error} onCommit={(v) => onCommit(v)} />
        <select
          className="input input--select csv-file__picker"
          aria-label="Pick a CSV file"
          value=""
          disabled={!files || files.length === 0}
          onChange={(e) => {
            const picked = e.currentTarget.value;
            if (picked !== '') onCommit(picked);
          }}
        >
          <option value="">{pickerLabel(files)}</option>
          {(files ?? []).map((f) => (
            <option key={f.path} value={f.path}>
              {f.path}
            </option>
          ))}
        </select>
      </div>
    </FieldRow>
  );
}
