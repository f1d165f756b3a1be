import { describe, expect, it } from 'vitest';
import { createKeyboardConnection, type KeyboardEnd } from '../../../../renderer/canvas/keyboard-connection';
import { steps, storeWith } from '../store/fixtures';

const out = (node: string, port: string): KeyboardEnd => ({ node, port, direction: 'out', label: `${node} · ${port}` });
const inp = (node: string, port: string): KeyboardEnd => ({ node, port, direction: 'in', label: `${node} · ${port}` });

describe('keyboard connection', () => {
  it('starts at an output, prompts, and ends at an input with one edge as one undo step', () => {
    const editor = storeWith();
    const kb = createKeyboardConnection(editor);
    const before = editor.getState().edges.length;
    kb.getState().press(out('mnist', 'label'));
    expect(kb.getState().pending).toMatchObject({ node: 'mnist', port: 'label' });
    expect(kb.getState().notice?.text).toBe('Connecting from mnist · label: choose an input and press Enter, Escape to cancel');
    kb.getState().press(inp('encoder', 'in'));
    expect(kb.getState().pending).toBeNull();
    expect(kb.getState().notice?.text).toBe('Connected mnist · label to encoder · in');
    expect(editor.getState().edges).toHaveLength(before + 1);
    expect(steps(editor)).toBe(1);
    editor.getState().undo();
    expect(editor.getState().edges).toHaveLength(before);
  });

  it('refuses an input that a drag would refuse, with the same reason, and stays open for another', () => {
    const editor = storeWith();
    const kb = createKeyboardConnection(editor);
    const edges = editor.getState().edges;
    kb.getState().press(out('mnist', 'label'));
    kb.getState().press(inp('z', 'loc'));
    const drag = editor.getState().checkConnection({ node: 'mnist', port: 'label' }, { node: 'z', port: 'loc' });
    expect(drag.ok).toBe(false);
    expect(kb.getState().notice).toMatchObject({ tone: 'alert', text: drag.ok ? '' : drag.reason });
    expect(kb.getState().notice?.text).toBe("loc of z takes a vector; 'label' of mnist holds class indices");
    expect(editor.getState().edges).toBe(edges);
    expect(kb.getState().pending).toMatchObject({ node: 'mnist', port: 'label' });
  });

  it('may start at an input and end at an output', () => {
    const editor = storeWith();
    const kb = createKeyboardConnection(editor);
    kb.getState().press(inp('encoder', 'in'));
    expect(kb.getState().notice?.text).toBe('Connecting to encoder · in: choose an output and press Enter, Escape to cancel');
    kb.getState().press(out('mnist', 'label'));
    expect(editor.getState().edges.at(-1)).toMatchObject({ source: { node: 'mnist', port: 'label' }, target: { node: 'encoder', port: 'in' } });
  });

  it('cancels on Escape or on the same port again, and restarts on another port of the same direction', () => {
    const editor = storeWith();
    const kb = createKeyboardConnection(editor);
    kb.getState().press(out('mnist', 'label'));
    kb.getState().cancel();
    expect(kb.getState().pending).toBeNull();
    expect(kb.getState().notice?.text).toBe('Connection cancelled');
    kb.getState().press(out('mnist', 'label'));
    kb.getState().press(out('mnist', 'label'));
    expect(kb.getState().pending).toBeNull();
    kb.getState().press(out('mnist', 'label'));
    kb.getState().press(out('decoder', 'logits'));
    expect(kb.getState().pending).toMatchObject({ node: 'decoder', port: 'logits' });
    expect(steps(editor)).toBe(0);
  });

  it('drops the connection in progress when its node goes away', () => {
    const editor = storeWith();
    const kb = createKeyboardConnection(editor);
    kb.getState().press(out('mnist', 'label'));
    editor.getState().select({ nodes: ['mnist'] });
    editor.getState().removeSelection();
    expect(kb.getState().pending).toBeNull();
  });
});
