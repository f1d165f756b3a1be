import { backendChoiceSchema, type BackendChoice } from '../../../shared/protocol/runs';

const KEY = 'latent-studio.backend';

/** The part of `localStorage` used here (tests pass their own). */
interface ReadStore {
  getItem(key: string): string | null;
}
interface WriteStore {
  setItem(key: string, value: string): void;
}

const pageStorage = (): (ReadStore & WriteStore) | undefined => (globalThis as { localStorage?: ReadStore & WriteStore }).localStorage;

/** What each backend choice means, for the select's labels. */
export const BACKEND_LABELS: Record<BackendChoice, string> = {
  auto: 'Automatic (fastest available)',
  tensorflow: 'TensorFlow native (tfjs-node)',
  wasm: 'WebAssembly',
  cpu: 'Plain JavaScript (slowest)',
};

/** The backend this machine trains on, remembered across sessions (a machine setting, not the model's). */
export function loadBackend(storage: ReadStore | undefined = pageStorage()): BackendChoice {
  const parsed = backendChoiceSchema.safeParse(storage?.getItem(KEY));
  return parsed.success ? parsed.data : 'auto';
}

export function saveBackend(choice: BackendChoice, storage: WriteStore | undefined = pageStorage()): void {
  try {
    storage?.setItem(KEY, choice);
  } catch {
    // Storage full or disabled: the choice lasts this session only.
  }
}

const listeners = new Set<() => void>();
let current: BackendChoice | null = null;

/** The window's backend choice as a tiny external store: the Training panel sets it, Train reads it. */
export const backendPreference = {
  get(): BackendChoice {
    return (current ??= loadBackend());
  },
  set(choice: BackendChoice): void {
    current = choice;
    saveBackend(choice);
    for (const l of [...listeners]) l();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
