import { useState } from 'react';
import { Dialog } from './Dialog';

/** Why a file name cannot be used in the project folder, or null. */
export function checkFileName(name: string): string | null {
  const n = name.trim();
  if (n === '') return 'enter a file name';
  if (n.split(/[\\/]/).some((part) => part === '..')) return 'the file must stay inside the project folder';
  if (/^[\\/]/.test(n) || /^[A-Za-z]:/.test(n)) return 'enter a path relative to the project folder';
  if (/[<>:"|?*\u0000-\u001f]/.test(n)) return 'a file name cannot contain < > : " | ? *';
  return null;
}

/** The name as it will be written: ".json" added when it has no extension. */
export function withJsonExtension(name: string): string {
  const n = name.trim();
  return /\.[A-Za-z0-9]+$/.test(n) ? n : `${n}.json`;
}

/** Props of {@link FileNameDialog}. */
export interface FileNameDialogProps {
  readonly initial: string;
  /** Paths already in the project folder: saving over one replaces it, which the dialog says. */
  readonly existing?: readonly string[];
  readonly onSave: (path: string) => void;
  readonly onCancel: () => void;
}

/** Save As in web mode: a file name relative to the project folder. */
export function FileNameDialog({ initial, existing = [], onSave, onCancel }: FileNameDialogProps) {
  const [name, setName] = useState(initial);
  const [touched, setTouched] = useState(false);
  const error = checkFileName(name);
  const replaces = !error && existing.includes(withJsonExtension(name));
  const submit = () => {
    setTouched(true);
    if (!error) onSave(withJsonExtension(name));
  };
  return (
    <Dialog
      title="Save as"
      onClose={onCancel}
      onSubmit={submit}
      actions={
        <>
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button--primary">
            Save
          </button>
        </>
      }
    >
      <div className={`field${touched && error ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor="save-as-name">
          File name
        </label>
        <input
          id="save-as-name"
          className="input"
          data-autofocus
          onFocus={(e) => {
            // Select the name without its extension, as file dialogs do.
            const v = e.currentTarget.value;
            const dot = v.lastIndexOf('.');
            e.currentTarget.setSelectionRange(0, dot > 0 ? dot : v.length);
          }}
          value={name}
          spellCheck={false}
          aria-invalid={(touched && Boolean(error)) || undefined}
          aria-describedby="save-as-hint"
          onChange={(e) => {
            setName(e.currentTarget.value);
            setTouched(true);
          }}
        />
        {touched && error ? (
          <div className="field__error" id="save-as-hint" role="alert">
            {error}
          </div>
        ) : replaces ? (
          <div className="field__hint field__hint--warning" id="save-as-hint">
            A file with this name exists: saving replaces it.
          </div>
        ) : (
          <div className="field__hint" id="save-as-hint">
            Relative to the project folder; “.json” is added when there is no extension.
          </div>
        )}
      </div>
    </Dialog>
  );
}
