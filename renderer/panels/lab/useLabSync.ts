import { useEffect } from 'react';
import type { ApiClient } from '../../../shared/protocol/api';
import { isLabEvent } from '../../../shared/protocol/events';
import { labStore } from './lab-store';

/** Hands the lab events the back end pushes to the window's lab store. */
export function useLabSync(api: ApiClient): void {
  useEffect(
    () =>
      api.onEvent((event) => {
        if (isLabEvent(event)) labStore.getState().apply(event);
      }),
    [api],
  );
}
