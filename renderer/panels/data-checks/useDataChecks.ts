import { useEffect } from 'react';
import type { ApiClient } from '../../../shared/protocol/api';
import { csvCheckKey, csvRequestOf, type CsvCheck, type CsvRequest } from '../../store/data-checks-slice';
import { editorStore } from '../../store/use-editor';

/** Typing a path or a column name waits this long before the file is read. */
export const CHECK_DELAY_MS = 300;

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * Keeps the data checks of the window current: each CSV node's file is read through the API
 * (data.inspectCsv) when its path, columns or the graph's file change (after a short pause in
 * typing), and again when the window regains focus (the file may have been edited elsewhere; the
 * back end's cache makes an unchanged file cheap). An answer is applied only if the node still asks
 * the same question, so a slow answer about an earlier path never overwrites a newer one. The CSV
 * files the path picker offers are listed when a CSV node is selected, and on focus.
 */
export function useDataChecks(api: ApiClient): void {
  useEffect(() => {
    let disposed = false;
    /** Per node: the request waiting or under way. */
    const pending = new Map<string, { key: string; timer: ReturnType<typeof setTimeout> | undefined }>();

    const answer = (id: string, key: string, check: CsvCheck): void => {
      if (disposed) return;
      if (pending.get(id)?.key === key) pending.delete(id);
      const s = editorStore.getState();
      const node = s.nodes.find((n) => n.id === id);
      const now = node && csvRequestOf(node, s.filePath);
      if (!now || csvCheckKey(now) !== key) return;
      s.setCsvCheck(id, check);
    };
    const send = (id: string, request: CsvRequest, key: string): void => {
      api.call('data.inspectCsv', request).then(
        (inspection) => answer(id, key, { key, inspection }),
        (e: unknown) => answer(id, key, { key, error: message(e) }),
      );
    };
    const sync = (again: boolean): void => {
      const s = editorStore.getState();
      for (const node of s.nodes) {
        const request = csvRequestOf(node, s.filePath);
        if (!request) continue;
        const key = csvCheckKey(request);
        const waiting = pending.get(node.id);
        if (!again && (s.csvChecks[node.id]?.key === key || waiting?.key === key)) continue;
        if (waiting?.timer !== undefined) clearTimeout(waiting.timer);
        const entry: { key: string; timer: ReturnType<typeof setTimeout> | undefined } = { key, timer: undefined };
        entry.timer = setTimeout(() => {
          entry.timer = undefined;
          send(node.id, request, key);
        }, CHECK_DELAY_MS);
        pending.set(node.id, entry);
      }
    };

    const listFiles = (): void => {
      const { filePath } = editorStore.getState();
      api.call('data.listFiles', filePath ? { graphPath: filePath } : {}).then(
        (files) => !disposed && editorStore.getState().setDataFiles(files),
        // No list is no picker: the path can still be typed.
        () => !disposed && editorStore.getState().setDataFiles([]),
      );
    };
    const csvSelected = (): boolean => {
      const s = editorStore.getState();
      return s.selectedNodeIds.length === 1 && s.nodes.some((n) => n.id === s.selectedNodeIds[0] && n.kind === 'data.csv');
    };

    sync(false);
    if (csvSelected()) listFiles();
    const unsubscribe = editorStore.subscribe((s, prev) => {
      if (s.nodes !== prev.nodes || s.filePath !== prev.filePath) sync(false);
      if ((s.selectedNodeIds !== prev.selectedNodeIds || s.filePath !== prev.filePath) && csvSelected()) listFiles();
    });
    const onFocus = (): void => {
      sync(true);
      if (csvSelected()) listFiles();
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
