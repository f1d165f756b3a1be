import { useEffect, useState } from 'react';
import type { Result } from '../../../shared/protocol/api';
import { Dialog } from './Dialog';

type FileEntry = Result<'files.list'>[number];

/** Props of {@link OpenDialog}. */
export interface OpenDialogProps {
  /** Loads the files the user can open (`files.list`). */
  readonly list: () => Promise<readonly FileEntry[]>;
  readonly recent: readonly string[];
  readonly onOpen: (path: string) => void;
  readonly onCancel: () => void;
}

function when(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Open in web mode: the graph files of the project folder, newest first, and the recent files. */
export function OpenDialog({ list, recent, onOpen, onCancel }: OpenDialogProps) {
  const [files, setFiles] = useState<readonly FileEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    list().then(
      (f) => live && setFiles([...f].sort((a, b) => b.modified - a.modified)),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [list]);
  // A file listed under Recent is not listed again among the project files.
  const others = files?.filter((f) => !recent.includes(f.path));
  return (
    <Dialog
      title="Open a graph"
      onClose={onCancel}
      className="dialog--wide"
      actions={
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      }
    >
      {recent.length ? (
        <section className="open__section" aria-labelledby="open-recent">
          <h3 id="open-recent" className="open__heading">
            Recent
          </h3>
          <ul className="open__list">
            {recent.map((p) => (
              <li key={p}>
                <button type="button" className="open__file" onClick={() => onOpen(p)}>
                  <span className="open__name">{p.split(/[\\/]/).pop()}</span>
                  <span className="open__path">{p}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="open__section" aria-labelledby="open-files">
        <h3 id="open-files" className="open__heading">
          {recent.length ? 'Other project files' : 'Project files'}
        </h3>
        {error ? (
          <p className="field__error" role="alert">
            Could not list the files: {error}
          </p>
        ) : files === null ? (
          <p className="open__note">Loading…</p>
        ) : files.length === 0 ? (
          <p className="open__note">No graph files in the project folder yet.</p>
        ) : others!.length === 0 ? (
          <p className="open__note">Every graph file of the project folder is under Recent.</p>
        ) : (
          <ul className="open__list">
            {others!.map((f) => (
              <li key={f.path}>
                <button type="button" className="open__file" onClick={() => onOpen(f.path)}>
                  <span className="open__name">{f.name}</span>
                  <span className="open__path">{f.path}</span>
                  <span className="open__date">{when(f.modified)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Dialog>
  );
}
