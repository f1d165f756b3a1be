import type { GraphFile } from '../../../shared/graph/index';
import type { Example } from '../../window/useExamples';
import type { TopBarCommand } from '../topbar/TopBar';

/**
 * What the person chose on the start screen before the editor's code had loaded (the page shows
 * the start screen first, see StartPreview): kept here and carried out by the editor once it is
 * there, so an early click is never lost. The first choice wins; later ones wait for the editor.
 */
export type EarlyStart =
  | { readonly kind: 'example'; readonly example: Example; readonly file: GraphFile }
  | { readonly kind: 'empty' }
  | { readonly kind: 'recent'; readonly path: string }
  | { readonly kind: 'command'; readonly command: TopBarCommand };

let pending: EarlyStart | null = null;

/** Records a choice made before the editor loaded; false when one is already waiting. */
export function chooseEarly(choice: EarlyStart): boolean {
  if (pending) return false;
  pending = choice;
  return true;
}

/** The waiting choice, if any, handed over once (the editor calls this when it mounts). */
export function takeEarlyStart(): EarlyStart | null {
  const choice = pending;
  pending = null;
  return choice;
}
