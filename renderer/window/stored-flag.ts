import { useSyncExternalStore } from 'react';

/** The part of localStorage used here (typed so the unit tests, which have no DOM types, compile too). */
type KeyValueStorage = { getItem(key: string): string | null; setItem(key: string, value: string): void };
const storage = (): KeyValueStorage | undefined => (globalThis as { localStorage?: KeyValueStorage }).localStorage;

/** An on/off preference of this machine, kept in localStorage and shared by every reader. */
export interface StoredFlag {
  get(): boolean;
  set(value: boolean): void;
  subscribe(listener: () => void): () => void;
}

/**
 * A flag stored under `key` (as "1" / "0"), `initial` until set. Readers outside React (a fit of
 * the view reading whether the minimap is shown) and components see the same value; storage that
 * refuses (private mode, a full quota) only means the choice is not remembered.
 */
export function storedFlag(key: string, initial: boolean): StoredFlag {
  const read = (): boolean => {
    try {
      const v = storage()?.getItem(key);
      return v === '1' ? true : v === '0' ? false : initial;
    } catch {
      return initial;
    }
  };
  let value = read();
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      try {
        storage()?.setItem(key, next ? '1' : '0');
      } catch {
        // Not remembered: fine.
      }
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A stored flag's value in a component, and its setter. */
export function useStoredFlag(flag: StoredFlag): [boolean, (value: boolean) => void] {
  const value = useSyncExternalStore(flag.subscribe, flag.get, flag.get);
  return [value, flag.set];
}
