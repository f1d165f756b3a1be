import { describe, expect, it } from 'vitest';
import { ask, dialogQueue } from '../../../../../renderer/panels/dialogs/dialog-queue';

const question = (title: string) => ({ kind: 'question' as const, title, body: '', choices: [{ id: 'yes', label: 'Yes' }] });

describe('dialog queue', () => {
  it('shows the first request, resolves it with its answer and then shows the next', async () => {
    const first = ask(question('first'));
    const second = ask({ kind: 'fileName', initial: 'a.json', existing: [] });
    expect(dialogQueue.getState().queue.map((d) => d.request.kind)).toEqual(['question', 'fileName']);
    dialogQueue.getState().queue[0]!.answer('yes');
    await expect(first).resolves.toBe('yes');
    expect(dialogQueue.getState().queue.map((d) => d.request.kind)).toEqual(['fileName']);
    dialogQueue.getState().queue[0]!.answer(null);
    await expect(second).resolves.toBeNull();
    expect(dialogQueue.getState().queue).toEqual([]);
  });

  it('answers only the request it belongs to, even when answered twice', async () => {
    const a = ask(question('a'));
    const b = ask(question('b'));
    const pendingA = dialogQueue.getState().queue[0]!;
    pendingA.answer('yes');
    pendingA.answer(null);
    await expect(a).resolves.toBe('yes');
    expect(dialogQueue.getState().queue).toHaveLength(1);
    dialogQueue.getState().queue[0]!.answer(null);
    await expect(b).resolves.toBeNull();
  });
});
