import { describe, expect, it } from 'vitest';
import { SHORTCUTS, formatShortcut, matchShortcut, platformOf, shortcutFor, type KeyEventLike } from '../../../../renderer/store/index';

const press = (key: string, mods: Partial<Omit<KeyEventLike, 'key'>> = {}): KeyEventLike => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('keyboard shortcuts', () => {
  it('lists every editor command once, each with a binding and a label', () => {
    const actions = SHORTCUTS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
    expect([...actions].sort()).toEqual(['autoLayout', 'copy', 'delete', 'duplicate', 'new', 'open', 'paste', 'redo', 'save', 'saveAs', 'selectAll', 'toggleMaths', 'train', 'undo']);
    for (const s of SHORTCUTS) {
      expect(s.keys.length).toBeGreaterThan(0);
      expect(s.label).not.toBe('');
    }
  });

  it('trains on Ctrl+Enter (⌘↩ on a Mac), not on a bare Enter', () => {
    const key = { key: 'Enter', code: 'Enter', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false };
    expect(matchShortcut({ ...key, ctrlKey: true }, 'linux')).toBe('train');
    expect(matchShortcut({ ...key, metaKey: true }, 'mac')).toBe('train');
    expect(matchShortcut(key, 'linux')).toBeNull();
    expect(formatShortcut('Mod+Enter', 'mac')).toBe('⌘↩');
    expect(formatShortcut('Mod+Enter', 'windows')).toBe('Ctrl+Enter');
  });

  it('has no binding shared by two commands', () => {
    const keys = SHORTCUTS.flatMap((s) => s.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('formats bindings with ⌘ symbols on a Mac and Ctrl elsewhere', () => {
    expect(formatShortcut('Mod+Z', 'mac')).toBe('⌘Z');
    expect(formatShortcut('Mod+Shift+Z', 'mac')).toBe('⇧⌘Z');
    expect(formatShortcut('Backspace', 'mac')).toBe('⌫');
    expect(formatShortcut('Mod+Z', 'windows')).toBe('Ctrl+Z');
    expect(formatShortcut('Mod+Shift+S', 'linux')).toBe('Ctrl+Shift+S');
    expect(formatShortcut('Delete', 'windows')).toBe('Delete');
    expect(formatShortcut(shortcutFor('redo').keys[0]!, 'windows')).toBe('Ctrl+Shift+Z');
  });

  it('matches ⌘ on a Mac and Ctrl elsewhere, not the other', () => {
    expect(matchShortcut(press('z', { metaKey: true }), 'mac')).toBe('undo');
    expect(matchShortcut(press('z', { ctrlKey: true }), 'mac')).toBeNull();
    expect(matchShortcut(press('z', { ctrlKey: true }), 'windows')).toBe('undo');
    expect(matchShortcut(press('z', { metaKey: true }), 'linux')).toBeNull();
  });

  it('tells redo from undo by Shift, and takes Mod+Y for redo too', () => {
    expect(matchShortcut(press('Z', { ctrlKey: true, shiftKey: true }), 'linux')).toBe('redo');
    expect(matchShortcut(press('y', { ctrlKey: true }), 'windows')).toBe('redo');
    expect(matchShortcut(press('s', { metaKey: true, shiftKey: true }), 'mac')).toBe('saveAs');
    expect(matchShortcut(press('s', { metaKey: true }), 'mac')).toBe('save');
  });

  it('matches the rest of the table', () => {
    const ctrl = (key: string) => matchShortcut(press(key, { ctrlKey: true }), 'windows');
    expect([ctrl('c'), ctrl('v'), ctrl('d'), ctrl('a'), ctrl('o'), ctrl('n'), ctrl('l')]).toEqual(['copy', 'paste', 'duplicate', 'selectAll', 'open', 'new', 'autoLayout']);
    expect(matchShortcut(press('Delete'), 'windows')).toBe('delete');
    expect(matchShortcut(press('Backspace'), 'mac')).toBe('delete');
    expect(matchShortcut(press('Backspace', { altKey: true }), 'mac')).toBeNull();
    expect(matchShortcut(press('q', { ctrlKey: true }), 'windows')).toBeNull();
  });

  it('matches by physical key on layouts whose letters are not Latin', () => {
    expect(matchShortcut({ ...press('я', { ctrlKey: true }), code: 'KeyZ' }, 'linux')).toBe('undo');
  });

  it('recognises the platform from navigator or process names', () => {
    expect(platformOf('MacIntel')).toBe('mac');
    expect(platformOf('darwin')).toBe('mac');
    expect(platformOf('Win32')).toBe('windows');
    expect(platformOf('win32')).toBe('windows');
    expect(platformOf('Linux x86_64')).toBe('linux');
  });
});
