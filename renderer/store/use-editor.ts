import { useStore } from 'zustand';
import { createEditorStore } from './create-editor-store';
import type { EditorState } from './editor-state';

/** The window's editor store (one document per window). Tests create their own with createEditorStore. */
export const editorStore = createEditorStore();

/**
 * Reads the editor state in a component, re-rendering when the selected value changes. Select
 * narrow values; a selector that builds a new object or array each call needs `useShallow`
 * (zustand/react/shallow), or it re-renders forever.
 */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(editorStore, selector);
}
