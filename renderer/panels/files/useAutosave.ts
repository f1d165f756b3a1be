import { useEffect } from 'react';
import { serializeGraphFile } from '../../../shared/graph/index';
import type { ApiClient } from '../../../shared/protocol/api';
import { editorStore } from '../../store/use-editor';
import { setRecoveryPath } from './recentFiles';

/** How long after the last change the recovery copy is written. */
export const AUTOSAVE_DELAY_MS = 1000;

/**
 * Writes the document to the back end's recovery copy a second after it changes (while it has
 * unsaved changes), and clears the copy once the document is saved or discarded. `enabled` is
 * false until the start-up offer to restore a previous copy has been answered, so that offer is
 * never overwritten by an empty document.
 */
export function useAutosave(api: ApiClient, enabled: boolean, onError: (message: string) => void): void {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let hasCopy = false;
    const flush = () => {
      timer = null;
      const s = editorStore.getState();
      if (!s.dirty) return;
      setRecoveryPath(s.filePath);
      hasCopy = true;
      api.call('recovery.write', { text: serializeGraphFile(s.toGraphFile()) }).catch((e: unknown) => onError(`autosave failed: ${e instanceof Error ? e.message : String(e)}`));
    };
    const unsubscribe = editorStore.subscribe((s, prev) => {
      const changed = s.nodes !== prev.nodes || s.edges !== prev.edges || s.training !== prev.training || s.meta !== prev.meta;
      if (!s.dirty) {
        if (timer) clearTimeout(timer);
        timer = null;
        if (prev.dirty || hasCopy) {
          hasCopy = false;
          api.call('recovery.clear', {}).catch(() => undefined);
        }
        return;
      }
      if (!changed) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, AUTOSAVE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [api, enabled, onError]);
}
