import type { TextInspection } from '../../../../shared/protocol/text-data';
import { useEditor } from '../../../store/use-editor';
import { DataFileField } from '../DataFileField';
import { TextPreview } from './TextPreview';

/** Props of {@link TextDataFields}. */
export interface TextDataFieldsProps {
  readonly nodeId: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** What is wrong with the file (validator and data problems), or null. */
  readonly error: string | null;
  readonly onParams: (patch: Record<string, unknown>) => void;
}

/**
 * A text node's file, informed by the file itself: a picker over the text files found, and what
 * the loader makes of the file with the node's settings (lines, split, vocabulary, most frequent
 * words, first lines). The preview shown is the last one read for this path.
 */
export function TextDataFields({ nodeId, params, error, onParams }: TextDataFieldsProps) {
  const path = typeof params.path === 'string' ? params.path : undefined;
  const files = useEditor((s) => s.textFiles);
  const inspection: TextInspection | undefined = useEditor((s) => {
    const i = s.textChecks[nodeId]?.inspection;
    return i && i.path === path ? i : undefined;
  });
  return (
    <>
      <DataFileField id={`param-${nodeId}-path`} path={path} noun="text" placeholder="sentences.txt" files={files} error={error} onCommit={(v) => onParams({ path: v })} />
      {inspection ? <TextPreview inspection={inspection} /> : null}
    </>
  );
}
