import type { GraphFile } from '../../../../shared/graph/index';
import { createEditorStore, type EditorStore } from '../../../../renderer/store/index';
import { loadExample } from '../../../helpers/examples';

/** The VAE example, parsed. */
export const vaeFile = (): GraphFile => loadExample('vae-mnist');

/** A fresh store, with the VAE open unless `empty`. */
export function storeWith(file: GraphFile | null = vaeFile()): EditorStore {
  return createEditorStore(file ?? undefined);
}

/** Number of undo steps recorded. */
export const steps = (store: EditorStore): number => store.temporal.getState().pastStates.length;

/** The document as a file (what undo must restore exactly). */
export const fileOf = (store: EditorStore): GraphFile => store.getState().toGraphFile();
