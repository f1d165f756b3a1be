import { APP_VERSION } from '../../shared/version';
import type { GraphEdge, GraphFile, TrainingSettings } from '../../shared/graph/index';
import type { SliceContext, SliceCreator } from './editor-state';
import { emptyDocument, fromGraphFile, snapshotOf, toGraphFile, type LoadedDocument } from './graph-document';
import type { DocSnapshot, EditorNode, GraphMeta, Viewport } from './types';

/** The open document: its model, layout and settings, and where it is saved. */
export interface DocumentSlice {
  /** Nodes in file order, each with its canvas position. */
  readonly nodes: readonly EditorNode[];
  readonly edges: readonly GraphEdge[];
  readonly meta: GraphMeta;
  readonly training: TrainingSettings;
  /** The canvas pan and zoom: saved with the file, but neither an undo step nor a modification. */
  readonly viewport: Viewport | undefined;
  /** The app version in the header of the file as opened (this version's once saved). */
  readonly appVersion: string;
  /** Where the document was last opened from or saved to; null for a new document. */
  readonly filePath: string | null;
  /** The document as last opened or saved: `dirty` compares against it. */
  readonly saved: DocSnapshot;
  /** Whether the document differs from `saved` (by content, so undoing back to it clears the flag). */
  readonly dirty: boolean;

  /** Starts an empty document; clears history and selection. */
  newDocument(): void;
  /** Opens a parsed file (see parseGraphFile); positions come from its layout. Clears history and selection. */
  loadDocument(file: GraphFile, filePath?: string | null): void;
  /** The document as a file, positions written back to the layout; equal to the loaded file when nothing changed. */
  toGraphFile(): GraphFile;
  /** Records a successful save to `filePath`: the current document becomes the saved one. */
  markSaved(filePath: string): void;
  /** Remembers the canvas pan and zoom (not an edit). */
  setViewport(viewport: Viewport): void;
}

/** Replaces the whole document, outside the undo history. */
function replaceDocument(ctx: SliceContext, doc: LoadedDocument, filePath: string | null): void {
  const history = ctx.history().getState();
  history.pause();
  // Checks and drafts belong to the document they were made for.
  ctx.set({ ...doc, filePath, saved: snapshotOf(doc), selectedNodeIds: [], selectedEdgeIds: [], dragStart: null, csvChecks: {}, textChecks: {}, trainingDrafts: {} });
  history.resume();
  history.clear();
}

/** The document slice: an empty document until one is loaded. */
export const createDocumentSlice: SliceCreator<DocumentSlice> = (ctx) => {
  const initial = emptyDocument();
  return {
    ...initial,
    filePath: null,
    saved: snapshotOf(initial),
    dirty: false,
    newDocument: () => replaceDocument(ctx, emptyDocument(), null),
    loadDocument: (file, filePath = null) => replaceDocument(ctx, fromGraphFile(file), filePath),
    toGraphFile: () => toGraphFile(ctx.get()),
    // serializeGraphFile stamps this version into the header, so the document now carries it too.
    markSaved: (filePath) => ctx.set({ filePath, appVersion: APP_VERSION, saved: snapshotOf(ctx.get()) }),
    setViewport: (viewport) => ctx.set({ viewport }),
  };
};
