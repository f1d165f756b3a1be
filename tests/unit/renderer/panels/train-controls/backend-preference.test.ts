import { describe, expect, it } from 'vitest';
import { loadBackend, saveBackend } from '../../../../../renderer/panels/train-controls/backend-preference';

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('the backend preference', () => {
  it('is automatic until one is chosen, then remembered', () => {
    const storage = memoryStorage();
    expect(loadBackend(storage)).toBe('auto');
    saveBackend('wasm', storage);
    expect(loadBackend(storage)).toBe('wasm');
  });

  it('reads anything it does not know as automatic, and survives a storage that refuses writes', () => {
    expect(loadBackend(memoryStorage({ 'latent-studio.backend': 'webgpu' }))).toBe('auto');
    expect(loadBackend(undefined)).toBe('auto');
    const full = { setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(() => saveBackend('cpu', full)).not.toThrow();
  });
});
