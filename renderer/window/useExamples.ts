import { useEffect, useState } from 'react';
import type { ApiClient, Result } from '../../shared/protocol/api';

export type Example = Result<'examples.list'>[number];

/** The shipped templates as the start screen lists them: null while loading, or why they could not be listed. */
export interface Examples {
  readonly examples: readonly Example[] | null;
  readonly error: string | null;
}

const asked = new WeakMap<ApiClient, Promise<readonly Example[]>>();
/** The answers that have arrived, so a component mounted later starts with them (no "Loading" frame). */
const answered = new WeakMap<ApiClient, Examples>();

/** The templates, asked of the back end once per client: the page asks first thing, before the editor's code has loaded. */
export function fetchExamples(api: ApiClient): Promise<readonly Example[]> {
  let p = asked.get(api);
  if (!p) {
    asked.set(api, (p = api.call('examples.list', {})));
    p.then(
      (examples) => answered.set(api, { examples, error: null }),
      () => undefined,
    );
  }
  return p;
}

/** The templates, fetched once per back end. */
export function useExamples(api: ApiClient): Examples {
  const [state, setState] = useState<Examples>(() => answered.get(api) ?? { examples: null, error: null });
  useEffect(() => {
    let live = true;
    fetchExamples(api).then(
      (examples) => live && setState({ examples, error: null }),
      (e: unknown) => live && setState({ examples: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [api]);
  return state;
}
