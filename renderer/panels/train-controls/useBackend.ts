import { useSyncExternalStore } from 'react';
import type { BackendChoice } from '../../../shared/protocol/runs';
import { backendPreference } from './backend-preference';

/** The backend runs train on, and its setter (remembered on this machine). */
export function useBackend(): [BackendChoice, (choice: BackendChoice) => void] {
  const choice = useSyncExternalStore(backendPreference.subscribe, backendPreference.get);
  return [choice, backendPreference.set];
}
