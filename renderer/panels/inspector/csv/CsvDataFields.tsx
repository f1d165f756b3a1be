import type { ReactNode } from 'react';
import type { CsvInspection } from '../../../../shared/protocol/data';
import { useEditor } from '../../../store/use-editor';
import { DataFileField } from '../DataFileField';
import { FieldRow } from '../FieldRow';
import { SelectInput } from '../SelectInput';
import { CsvColumnsField } from './CsvColumnsField';
import { CsvPreview } from './CsvPreview';

/** The params of a CSV node these fields edit (the others are rendered from the schema). */
export const CSV_FILE_PARAMS: ReadonlySet<string> = new Set(['path', 'columns', 'labelColumn']);

/** Props of {@link CsvDataFields}. */
export interface CsvDataFieldsProps {
  readonly nodeId: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** What is wrong with a field (validator and data problems), or null. */
  readonly errorOf: (key: string) => string | null;
  /** Renders the generic field of a param (used for the columns until the header is known). */
  readonly fallback: (key: string) => ReactNode;
  readonly onParams: (patch: Record<string, unknown>) => void;
}

/**
 * A CSV node's file, columns and label column, informed by the file itself: a picker over the CSV
 * files found, the header's columns to tick, the label column to choose among them, and the first
 * rows. The header shown is the last one read for this path (the columns may have changed since).
 */
export function CsvDataFields({ nodeId, params, errorOf, fallback, onParams }: CsvDataFieldsProps) {
  const path = typeof params.path === 'string' ? params.path : undefined;
  const columns = Array.isArray(params.columns) ? params.columns.filter((c): c is string => typeof c === 'string') : [];
  const labelColumn = typeof params.labelColumn === 'string' ? params.labelColumn : undefined;
  const files = useEditor((s) => s.dataFiles);
  const inspection: CsvInspection | undefined = useEditor((s) => {
    const i = s.csvChecks[nodeId]?.inspection;
    return i && i.path === path ? i : undefined;
  });
  const header = inspection?.header ?? [];
  const id = `param-${nodeId}`;
  return (
    <>
      <DataFileField id={`${id}-path`} path={path} noun="CSV" placeholder="data.csv" files={files} error={errorOf('path')} onCommit={(v) => onParams({ path: v })} />
      {inspection ? <CsvPreview inspection={inspection} columns={columns} labelColumn={labelColumn} /> : null}
      {header.length > 0 ? (
        <>
          <CsvColumnsField id={`${id}-columns`} header={header} columns={columns} error={errorOf('columns')} onCommit={(c) => onParams({ columns: c })} />
          <FieldRow htmlFor={`${id}-labelColumn`} label="Label column" error={errorOf('labelColumn')} hint="its distinct values become classes" describedById={`${id}-labelColumn-desc`}>
            <SelectInput
              id={`${id}-labelColumn`}
              options={labelColumn === undefined || header.includes(labelColumn) ? header : [...header, labelColumn]}
              value={labelColumn}
              unsetLabel="None"
              labelOf={(c) => c}
              describedBy={`${id}-labelColumn-desc`}
              onCommit={(c) => onParams({ labelColumn: c })}
            />
          </FieldRow>
        </>
      ) : (
        <>
          {fallback('columns')}
          {fallback('labelColumn')}
        </>
      )}
    </>
  );
}
