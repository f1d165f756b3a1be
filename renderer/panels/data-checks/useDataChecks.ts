import { useEffect } from 'react';
import type { ApiClient } from '../../../shared/protocol/api';
import { csvCheckKey, csvRequestOf, textCheckKey, textRequestOf } from '../../store/data-checks-slice';
import type { EditorState } from '../../store/editor-state';
import type { EditorNode } from '../../store/types';
import { editorStore } from '../../store/use-editor';

/** Typing a path or a column name waits this long before the file is read. */
export const CHECK_DELAY_MS = 300;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** How the files of one kind of data node are checked: its request, the method that answers it, where the answer goes. */
interface Checker {
  /** The request's key for the node, or null when the node makes none. */
  keyOf(node: EditorNode, graphPath: string | null): string | null;
  /** The key of the check the store holds for the node. */
  heldKey(s: EditorState, nodeId: string): string | undefined;
  /** Asks the back end and stores the answer (`apply` decides whether it still counts). */
  send(api: ApiClient, node: EditorNode, graphPath: string | null, key: string, apply: (store: () => void) => void): void;
}

const CHECKERS: readonly Checker[] = [
  {
    keyOf: (node, graphPath) => {
      const r = csvRequestOf(node, graphPath);
      return r && csvCheckKey(r);
    },
    heldKey: (s, id) => s.csvChecks[id]?.key,
    send: (api, node, graphPath, key, apply) => {
      const request = csvRequestOf(node, graphPath)!;
      api.call('data.inspectCsv', request).then(
        (inspection) => apply(() => editorStore.getState().setCsvCheck(node.id, { key, inspection })),
        (e: unknown) => apply(() => editorStore.getState().setCsvCheck(node.id, { key, error: message(e) })),
      );
    },
  },
  {
    keyOf: (node, graphPath) => {
      const r = textRequestOf(node, graphPath);
      return r && textCheckKey(r);
    },
    heldKey: (s, id) => s.textChecks[id]?.key,
    send: (api, node, graphPath, key, apply) => {
      const request = textRequestOf(node, graphPath)!;
      api.call('data.inspectText', request).then(
        (inspection) => apply(() => editorStore.getState().setTextCheck(node.id, { key, inspection })),
        (e: unknown) => apply(() => editorStore.getState().setTextCheck(node.id, { key, error: message(e) })),
      );
    },
  },
];

/** The picker's files of the node kinds that have one. */
const FILE_KINDS = { 'data.csv': 'csv', 'data.text': 'text' } as const;
type PickerNodeKind = keyof typeof FILE_KINDS;
const hasPicker = (kind: string): kind is PickerNodeKind => Object.hasOwn(FILE_KINDS, kind);

/**
 * Keeps the data checks of the window current: each CSV node's file is read through the API
 * (data.inspectCsv), each text node's through data.inspectText, when its path, settings or the
 * graph's file change (after a short pause in typing), and again when the window regains focus
 * (the file may have been edited elsewhere; the back end's cache makes an unchanged file cheap). An
 * answer is applied only if the node still asks the same question, so a slow answer about an
 * earlier path never overwrites a newer one. The files a path picker offers (CSV or text) are
 * listed when a node of that kind is selected, and on focus.
 */
export function useDataChecks(api: ApiClient): void {
  useEffect(() => {
    let disposed = false;
    /** Per node: the request waiting or under way. */
    const pending = new Map<string, { key: string; timer: ReturnType<typeof setTimeout> | undefined }>();

    const sync = (again: boolean): void => {
      const s = editorStore.getState();
      for (const node of s.nodes) {
        for (const checker of CHECKERS) {
          const key = checker.keyOf(node, s.filePath);
          if (key === null) continue;
          const waiting = pending.get(node.id);
          if (!again && (checker.heldKey(s, node.id) === key || waiting?.key === key)) continue;
          if (waiting?.timer !== undefined) clearTimeout(waiting.timer);
          const entry: { key: string; timer: ReturnType<typeof setTimeout> | undefined } = { key, timer: undefined };
          entry.timer = setTimeout(() => {
            entry.timer = undefined;
            const apply = (store: () => void): void => {
              if (disposed) return;
              if (pending.get(node.id)?.key === key) pending.delete(node.id);
              const now = editorStore.getState();
              const current = now.nodes.find((n) => n.id === node.id);
              if (current && checker.keyOf(current, now.filePath) === key) store();
            };
            checker.send(api, node, s.filePath, key, apply);
          }, CHECK_DELAY_MS);
          pending.set(node.id, entry);
        }
      }
    };

    const listFiles = (kind: PickerNodeKind): void => {
      const { filePath } = editorStore.getState();
      const files = FILE_KINDS[kind];
      const set = (list: Parameters<EditorState['setDataFiles']>[0]): void => {
        if (disposed) return;
        if (files === 'csv') editorStore.getState().setDataFiles(list);
        else editorStore.getState().setTextFiles(list);
      };
      api.call('data.listFiles', { ...(filePath ? { graphPath: filePath } : {}), kind: files }).then(
        (list) => set(list),
        // No list is no picker: the path can still be typed.
        () => set([]),
      );
    };
    /** The kind of the one node selected, when its kind has a file picker. */
    const pickerSelected = (): PickerNodeKind | null => {
      const s = editorStore.getState();
      if (s.selectedNodeIds.length !== 1) return null;
      const kind = s.nodes.find((n) => n.id === s.selectedNodeIds[0])?.kind;
      return kind !== undefined && hasPicker(kind) ? kind : null;
    };
    const listSelected = (): void => {
      const kind = pickerSelected();
      if (kind) listFiles(kind);
    };

    sync(false);
    listSelected();
    const unsubscribe = editorStore.subscribe((s, prev) => {
      if (s.nodes !== prev.nodes || s.filePath !== prev.filePath) sync(false);
      if (s.selectedNodeIds !== prev.selectedNodeIds || s.filePath !== prev.filePath) listSelected();
    });
    const onFocus = (): void => {
      sync(true);
      listSelected();
    };
    window.addEventListener('focus', onFocus);
    return () => {
      disposed = true;
      unsubscribe();
      window.removeEventListener('focus', onFocus);
      for (const p of pending.values()) if (p.timer !== undefined) clearTimeout(p.timer);
    };
  }, [api]);
}
