import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { GraphFileError, parseGraphFile, serializeGraphFile, type GraphFile } from '../../../shared/graph/index';
import type { ApiClient, Result } from '../../../shared/protocol/api';
import { editorStore } from '../../store/use-editor';
import type { Viewport } from '../../store/index';
import type { NotifyOptions } from '../../window/useMessages';
import { ask } from '../dialogs/dialog-queue';
import { baseName, dropRecent, getRecoveryPath, pushRecent, readRecent } from './recentFiles';
import { openFailureMessage } from './open-failure';
import { useAutosave } from './useAutosave';

type Mode = Result<'app.info'>['mode'];
type Example = Result<'examples.list'>[number];

/** What the file commands need from the rest of the app. */
export interface DocumentFilesOptions {
  readonly api: ApiClient;
  /** Shows a message in the status line ("Saved vae.json") or an alert (a failure). */
  readonly notify: (text: string, tone?: 'info' | 'alert', options?: NotifyOptions) => void;
  /** Shows a freshly opened document: its saved viewport, or everything in view. */
  readonly restoreView: (viewport: Viewport | undefined) => void;
}

/** The file commands and the state the top bar and start screen show (their dialogs are asked for with `ask`). */
export interface DocumentFiles {
  readonly mode: Mode | null;
  readonly recent: readonly string[];
  /** Whether the start screen may show (an empty untitled document the user has not dismissed it for). */
  readonly startDismissed: boolean;
  newDocument(): void;
  open(): void;
  openPath(path: string): void;
  openExample(example: Example, file: GraphFile): void;
  /** Opens a graph file's text as an untitled document (a run's graph), asking first about unsaved changes. */
  openText(text: string, what: string): void;
  startEmpty(): void;
  save(): Promise<boolean>;
  saveAs(): Promise<boolean>;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function suggestedName(): string {
  const s = editorStore.getState();
  if (s.filePath) return baseName(s.filePath);
  const title = s.meta.title?.trim();
  const slug = title ? title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) : '';
  return `${slug || 'untitled'}.json`;
}

/**
 * New, Open, Save and Save As through the ApiClient (files.read / files.write), recent files, the
 * unsaved-changes question before New and Open, the beforeunload warning, the recovery copy
 * (autosave, and the offer to restore one left by a previous session).
 */
export function useDocumentFiles({ api, notify, restoreView }: DocumentFilesOptions): DocumentFiles {
  const [mode, setMode] = useState<Mode | null>(null);
  const [recent, setRecent] = useState<readonly string[]>(readRecent);
  const [recoveryChecked, setRecoveryChecked] = useState(false);
  const [startDismissed, setStartDismissed] = useState(false);
  const modeRef = useRef<Mode | null>(null);

  const onAutosaveError = useCallback((m: string) => notify(m, 'alert'), [notify]);
  useAutosave(api, recoveryChecked, onAutosaveError);

  // Which back end this is, and whether a previous session left a recovery copy.
  useEffect(() => {
    let live = true;
    const offerRestore = async (text: string, savedAt: number | undefined): Promise<void> => {
      const path = getRecoveryPath();
      const when = savedAt ? `, last autosaved ${new Date(savedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}` : '';
      const choice = await ask({
        kind: 'question',
        title: 'Restore unsaved work?',
        body: `Latent Studio closed with unsaved changes${path ? ` to ${baseName(path)}` : ''}${when}. Restore them?`,
        choices: [
          { id: 'restore', label: 'Restore', primary: true },
          { id: 'discard', label: 'Discard', danger: true },
        ],
      });
      if (choice === 'restore') {
        if (live && loadRef.current(text, path, true)) notify('Restored the unsaved work of your last session.');
      } else if (choice === 'discard') {
        api.call('recovery.clear', {}).catch(() => undefined);
      }
    };
    api.call('app.info', {}).then(
      (info) => {
        if (!live) return;
        modeRef.current = info.mode;
        setMode(info.mode);
      },
      (e: unknown) => live && notify(`The back end did not answer: ${messageOf(e)}`, 'alert'),
    );
    api.call('recovery.read', {}).then(
      (r) => {
        if (!live) return;
        if (r.text) void offerRestore(r.text, r.savedAt).finally(() => live && setRecoveryChecked(true));
        else setRecoveryChecked(true);
      },
      () => live && setRecoveryChecked(true),
    );
    return () => {
      live = false;
    };
  }, [api, notify]);

  // The browser's own warning when the page closes with unsaved changes.
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!editorStore.getState().dirty) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);

  const load = useCallback(
    (text: string, path: string | null, markModified = false): boolean => {
      let file: GraphFile;
      try {
        file = parseGraphFile(text);
      } catch (e) {
        const why = e instanceof GraphFileError ? e.message : messageOf(e);
        notify(openFailureMessage(path ? baseName(path) : null, why), 'alert');
        return false;
      }
      editorStore.getState().loadDocument(file, path);
      if (markModified) {
        // A recovered document holds work that was never saved: compare it with nothing, so it shows as modified.
        editorStore.setState({ saved: { nodes: [], edges: [], meta: {}, training: editorStore.getState().training } });
      }
      setStartDismissed(true);
      restoreView(file.layout.viewport);
      return true;
    },
    [notify, restoreView],
  );
  // The recovery offer is made once, when the back end first answers; it loads with the latest `load`.
  const loadRef = useRef(load);
  loadRef.current = load;

  const writeTo = useCallback(
    async (path: string | undefined): Promise<boolean> => {
      const text = serializeGraphFile(editorStore.getState().toGraphFile());
      try {
        const r = await api.call('files.write', path === undefined ? { text } : { path, text });
        if ('cancelled' in r) return false;
        editorStore.getState().markSaved(r.path);
        setRecent(pushRecent(r.path));
        notify(`Saved ${baseName(r.path)}`, 'info', { untilEdited: true });
        return true;
      } catch (e) {
        notify(`Could not save${path ? ` ${baseName(path)}` : ''}: ${messageOf(e)}`, 'alert');
        return false;
      }
    },
    [api, notify],
  );

  const saveAs = useCallback(async (): Promise<boolean> => {
    if (modeRef.current === 'desktop') return writeTo(undefined);
    const existing = await api.call('files.list', {}).then(
      (l) => l.map((f) => f.path),
      () => [] as string[],
    );
    const path = await ask({ kind: 'fileName', initial: suggestedName(), existing });
    return path === null ? false : writeTo(path);
  }, [api, writeTo]);

  const save = useCallback(async (): Promise<boolean> => {
    const path = editorStore.getState().filePath;
    return path ? writeTo(path) : saveAs();
  }, [writeTo, saveAs]);

  /** Runs `action` now, or after asking what to do with unsaved changes. */
  const guard = useCallback(
    (verb: string, action: () => void) => {
      if (!editorStore.getState().dirty) return action();
      const path = editorStore.getState().filePath;
      void ask({
        kind: 'question',
        title: 'Unsaved changes',
        body: `Save the changes to ${path ? baseName(path) : 'this graph'} before ${verb}? Without saving, they are lost.`,
        choices: [
          { id: 'save', label: 'Save', primary: true },
          { id: 'discard', label: "Don't save", danger: true },
          { id: 'cancel', label: 'Cancel' },
        ],
      }).then((choice) => {
        if (choice === 'save') void save().then((ok) => ok && action());
        else if (choice === 'discard') action();
      });
    },
    [save],
  );

  const openPath = useCallback(
    (path: string | undefined) => {
      api.call('files.read', path === undefined ? {} : { path }).then(
        (r) => {
          if ('cancelled' in r) return;
          if (load(r.text, r.path)) {
            setRecent(pushRecent(r.path));
            notify(`Opened ${baseName(r.path)}`);
          }
        },
        (e: unknown) => {
          if (path !== undefined && (e as { code?: string }).code === 'not-found') setRecent(dropRecent(path));
          notify(openFailureMessage(path ? baseName(path) : null, messageOf(e)), 'alert');
        },
      );
    },
    [api, load, notify],
  );

  const commands = useMemo(
    () => ({
      newDocument: () =>
        guard('starting a new graph', () => {
          editorStore.getState().newDocument();
          setStartDismissed(false);
          api.call('recovery.clear', {}).catch(() => undefined);
        }),
      open: () =>
        guard('opening another graph', () => {
          if (modeRef.current === 'desktop') return openPath(undefined);
          void ask({ kind: 'open', recent }).then((path) => path !== null && openPath(path));
        }),
      openPath: (path: string) => guard('opening another graph', () => openPath(path)),
      openExample: (example: Example, file: GraphFile) => {
        editorStore.getState().loadDocument(file, null);
        setStartDismissed(true);
        restoreView(file.layout.viewport);
        notify(`Opened the example “${example.title}”; Save As keeps your own copy.`);
      },
      openText: (text: string, what: string) =>
        guard(`opening ${what}`, () => {
          if (load(text, null)) notify(`Opened ${what} as an untitled graph; Save As keeps it.`);
        }),
      startEmpty: () => setStartDismissed(true),
    }),
    [api, guard, openPath, restoreView, notify, load, recent],
  );

  return { mode, recent, startDismissed, save, saveAs, ...commands };
}
