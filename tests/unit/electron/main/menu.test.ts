import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { menuTemplate } from '../../../../electron/main/menu';
import { isMenuMessage, MENU_COMMANDS } from '../../../../shared/protocol/menu';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

function build(platform: NodeJS.Platform = 'linux', recent = [{ path: '/home/u/vae.json', name: 'vae.json' }]) {
  const send = vi.fn();
  const template = menuTemplate({ platform, recent, developer: false, send });
  return { send, template, all: items(template) };
}

const byLabel = (all: MenuItemConstructorOptions[], label: string) => all.find((i) => i.label?.replace('&', '') === label)!;

describe('application menu', () => {
  it('has File, Edit, View and Help', () => {
    expect(build().template.map((m) => m.label?.replace('&', ''))).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
    expect(build('darwin').template.map((m) => m.role ?? m.label?.replace('&', ''))).toEqual(['appMenu', 'File', 'Edit', 'View', 'Run', 'windowMenu', 'help']);
  });

  it('sends only valid menu messages, one per item', () => {
    const { send, all } = build();
    const clickable = all.filter((i) => i.click);
    for (const i of clickable) (i.click as () => void)();
    expect(send).toHaveBeenCalledTimes(clickable.length);
    for (const [message] of send.mock.calls) expect(isMenuMessage(message), JSON.stringify(message)).toBe(true);
    const sent = new Set(send.mock.calls.map(([m]) => m.command));
    expect([...sent].sort()).toEqual([...MENU_COMMANDS].sort());
  });

  it('opens a recent file by its path', () => {
    const { send, all } = build();
    (byLabel(all, 'vae.json').click as () => void)();
    expect(send).toHaveBeenCalledWith({ command: 'file.openRecent', path: '/home/u/vae.json' });
  });

  it('shows a disabled entry when there are no recent files', () => {
    expect(byLabel(build('linux', []).all, 'No Recent Files').enabled).toBe(false);
  });

  it('gives the main commands accelerators, none twice', () => {
    const { all } = build();
    expect(byLabel(all, 'Save').accelerator).toBe('CmdOrCtrl+S');
    expect(byLabel(all, 'Save As…').accelerator).toBe('CmdOrCtrl+Shift+S');
    expect(byLabel(all, 'Undo').accelerator).toBe('CmdOrCtrl+Z');
    const accelerators = all.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('leaves the Delete key to the page (text fields need it)', () => {
    expect(byLabel(build().all, 'Delete').registerAccelerator).toBe(false);
  });

  it('uses roles for the clipboard', () => {
    const roles = build().all.map((i) => i.role);
    expect(roles).toEqual(expect.arrayContaining(['cut', 'copy', 'paste']));
  });
});

describe('menu messages', () => {
  it('refuses unknown commands, extra paths and missing paths', () => {
    expect(isMenuMessage({ command: 'file.save' })).toBe(true);
    expect(isMenuMessage({ command: 'shell.exec' })).toBe(false);
    expect(isMenuMessage({ command: 'file.save', path: '/x' })).toBe(false);
    expect(isMenuMessage({ command: 'file.openRecent' })).toBe(false);
    expect(isMenuMessage({ command: 'file.openRecent', path: 42 })).toBe(false);
    expect(isMenuMessage('file.save')).toBe(false);
    expect(isMenuMessage(null)).toBe(false);
  });
});
