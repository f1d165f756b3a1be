import type { DataFile } from '../../../shared/protocol/data';
import { FieldRow } from './FieldRow';
import { TextInput } from './TextInput';

/** Props of {@link DataFileField}. */
export interface DataFileFieldProps {
  readonly id: string;
  readonly path: string | undefined;
  /** What the files are called ("CSV", "text"). */
  readonly noun: string;
  readonly placeholder: string;
  /** The files the graph may name (null while they are being listed). */
  readonly files: readonly DataFile[] | null;
  readonly error: string | null;
  readonly onCommit: (path: string | undefined) => void;
}

const PATH_SPEC = { type: 'string', minLength: 1 } as const;

function pickerLabel(files: readonly DataFile[] | null, noun: string): string {
  if (files === null) return `Looking for ${noun} files…`;
  if (files.length === 0) return `No ${noun} files found`;
  return `Pick one of ${files.length} ${noun} file${files.length === 1 ? '' : 's'}…`;
}

/**
 * A data node's file (a CSV node's, a text node's): the path as typed (relative to the graph's
 * folder, or absolute on the desktop), with a picker over the files of its kind found beside the
 * graph (web mode: in the project folder). Picking fills the path; the path stays editable for a
 * file the list does not show.
 */
export function DataFileField({ id, path, noun, placeholder, files, error, onCommit }: DataFileFieldProps) {
  const describedBy = `${id}-desc`;
  return (
    <FieldRow htmlFor={id} label="File" error={error} hint="relative to the graph's folder" describedById={describedBy}>
      <div className="data-file">
        <TextInput id={id} spec={PATH_SPEC} value={path} describedBy={describedBy} placeholder={placeholder} externalError={error} onCommit={(v) => onCommit(v)} />
        <select
          className="input input--select data-file__picker"
          aria-label={`Pick a ${noun} file`}
          value=""
          disabled={!files || files.length === 0}
          onChange={(e) => {
            const picked = e.currentTarget.value;
            if (picked !== '') onCommit(picked);
          }}
        >
          <option value="">{pickerLabel(files, noun)}</option>
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
