import { useEffect, useRef } from 'react';
import { matchShortcut, platformOf, type ShortcutAction } from '../store/index';

/** What each keyboard action does; an action left out is ignored. */
export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

/** True when the key press belongs to a text field, a select or a dialog, not to the canvas. */
function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
  }
  return Boolean(target.closest('dialog[open]'));
}

/**
 * Actions that still work while typing in a field (saving is never a text edit; Train after the
 * field has committed its value on the same Enter).
 */
const WHILE_TYPING: ReadonlySet<ShortcutAction> = new Set(['save', 'saveAs', 'open', 'new', 'train']);

/** The platform this page runs on, for key matching and for how shortcuts are written. */
export const PLATFORM = platformOf(typeof navigator === 'undefined' ? '' : `${navigator.platform} ${navigator.userAgent}`);

/**
 * The app's one keydown listener: matches the store's shortcut table and runs the handler. Keys
 * typed into inputs stay there (Backspace deletes a character, not a node), except file commands.
 */
export function useShortcuts(handlers: ShortcutHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const action = matchShortcut(e, PLATFORM);
      if (!action) return;
      if (typingInto(e.target) && !WHILE_TYPING.has(action)) return;
      if (document.querySelector('dialog[open]')) return;
      const run = current.current[action];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
