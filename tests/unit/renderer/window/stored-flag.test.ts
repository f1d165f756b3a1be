import { afterEach, describe, expect, it, vi } from 'vitest';
import { storedFlag } from '../../../../renderer/window/stored-flag';

function fakeStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

afterEach(() => vi.unstubAllGlobals());

describe('storedFlag', () => {
  it('reads the stored choice, else its initial value', () => {
    vi.stubGlobal('localStorage', fakeStorage({ a: '0' }));
    expect(storedFlag('a', true).get()).toBe(false);
    expect(storedFlag('b', true).get()).toBe(true);
  });

  it('stores a change and tells its readers', () => {
    const storage = fakeStorage();
    vi.stubGlobal('localStorage', storage);
    const flag = storedFlag('k', true);
    const heard = vi.fn();
    flag.subscribe(heard);
    flag.set(false);
    expect(flag.get()).toBe(false);
    expect(storage.data.get('k')).toBe('0');
    expect(heard).toHaveBeenCalledTimes(1);
    flag.set(false);
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('still works when storage refuses', () => {
    vi.stubGlobal('localStorage', { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('denied'); } });
    const flag = storedFlag('k', true);
    flag.set(false);
    expect(flag.get()).toBe(false);
  });
});
