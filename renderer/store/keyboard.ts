/** The commands reachable from the keyboard. */
export type ShortcutAction =
  | 'undo'
  | 'redo'
  | 'copy'
  | 'paste'
  | 'duplicate'
  | 'delete'
  | 'selectAll'
  | 'save'
  | 'saveAs'
  | 'open'
  | 'new'
  | 'autoLayout'
  | 'train'
  | 'toggleMaths';

/** A command, its key bindings (the first is the one menus show) and its label. */
export interface Shortcut {
  readonly action: ShortcutAction;
  /** Bindings such as 'Mod+Shift+Z': modifiers (Mod, Ctrl, Alt, Shift) then one key, joined by '+'. `Mod` is ⌘ on a Mac, Ctrl elsewhere. */
  readonly keys: readonly string[];
  readonly label: string;
}

/** The platforms whose keyboard conventions differ. */
export type Platform = 'mac' | 'windows' | 'linux';

/** Every shortcut, in menu order. */
export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'new', keys: ['Mod+N'], label: 'New' },
  { action: 'open', keys: ['Mod+O'], label: 'Open…' },
  { action: 'save', keys: ['Mod+S'], label: 'Save' },
  { action: 'saveAs', keys: ['Mod+Shift+S'], label: 'Save As…' },
  { action: 'undo', keys: ['Mod+Z'], label: 'Undo' },
  { action: 'redo', keys: ['Mod+Shift+Z', 'Mod+Y'], label: 'Redo' },
  { action: 'copy', keys: ['Mod+C'], label: 'Copy' },
  { action: 'paste', keys: ['Mod+V'], label: 'Paste' },
  { action: 'duplicate', keys: ['Mod+D'], label: 'Duplicate' },
  { action: 'delete', keys: ['Delete', 'Backspace'], label: 'Delete' },
  { action: 'selectAll', keys: ['Mod+A'], label: 'Select All' },
  { action: 'autoLayout', keys: ['Mod+L'], label: 'Auto Layout' },
  { action: 'train', keys: ['Mod+Enter'], label: 'Train' },
  { action: 'toggleMaths', keys: ['Mod+Shift+M'], label: 'Maths Panel' },
];

/** The shortcut of an action. */
export function shortcutFor(action: ShortcutAction): Shortcut {
  return SHORTCUTS.find((s) => s.action === action)!;
}

/** The platform from `navigator.platform`/`userAgent` or Node's `process.platform` ('darwin' is a Mac). */
export function platformOf(name: string): Platform {
  if (/mac|darwin|iphone|ipad/i.test(name)) return 'mac';
  if (/win/i.test(name)) return 'windows';
  return 'linux';
}

interface Binding {
  readonly mod: boolean;
  readonly ctrl: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
  readonly key: string;
}

function parse(keys: string): Binding {
  const parts = keys.split('+');
  const key = parts.pop()!;
  const has = (m: string): boolean => parts.includes(m);
  return { mod: has('Mod'), ctrl: has('Ctrl'), alt: has('Alt'), shift: has('Shift'), key };
}

const MAC_KEYS: Readonly<Record<string, string>> = { Backspace: '⌫', Delete: '⌦', Enter: '↩', Escape: '⎋' };
const OTHER_KEYS: Readonly<Record<string, string>> = { Escape: 'Esc' };

/**
 * A binding as menus and tooltips show it: '⇧⌘Z' on a Mac (symbols in Apple's order ⌃⌥⇧⌘, no
 * separators), 'Ctrl+Shift+Z' elsewhere.
 */
export function formatShortcut(keys: string, platform: Platform): string {
  const b = parse(keys);
  const key = b.key.length === 1 ? b.key.toUpperCase() : b.key;
  if (platform === 'mac') {
    return `${b.ctrl ? '⌃' : ''}${b.alt ? '⌥' : ''}${b.shift ? '⇧' : ''}${b.mod ? '⌘' : ''}${MAC_KEYS[key] ?? key}`;
  }
  const mods = [b.mod || b.ctrl ? 'Ctrl' : '', b.alt ? 'Alt' : '', b.shift ? 'Shift' : ''].filter(Boolean);
  return [...mods, OTHER_KEYS[key] ?? key].join('+');
}

/** What matchShortcut reads of a keyboard event (a DOM KeyboardEvent has all of it). */
export interface KeyEventLike {
  readonly key: string;
  /** The physical key ('KeyZ'); lets shortcuts work on layouts whose letters are not Latin. */
  readonly code?: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

function keyMatches(b: Binding, e: KeyEventLike): boolean {
  if (b.key.length === 1) {
    if (e.key.toLowerCase() === b.key.toLowerCase()) return true;
    return e.code === `Key${b.key.toUpperCase()}`;
  }
  return e.key === b.key;
}

function matches(keys: string, e: KeyEventLike, platform: Platform): boolean {
  const b = parse(keys);
  const mac = platform === 'mac';
  // Mod is ⌘ on a Mac and Ctrl elsewhere; the other one must not be held (⌃Z is not ⌘Z on a Mac).
  const wantMeta = mac && b.mod;
  const wantCtrl = mac ? b.ctrl : b.mod || b.ctrl;
  return e.metaKey === wantMeta && e.ctrlKey === wantCtrl && e.altKey === b.alt && e.shiftKey === b.shift && keyMatches(b, e);
}

/**
 * The action a key press triggers on this platform, or null. The caller decides whether the event
 * should reach the canvas at all (Backspace in a text field edits the text, not the graph).
 */
export function matchShortcut(event: KeyEventLike, platform: Platform): ShortcutAction | null {
  for (const s of SHORTCUTS) if (s.keys.some((k) => matches(k, event, platform))) return s.action;
  return null;
}
