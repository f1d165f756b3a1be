import { expect } from 'vitest';

/**
 * The error `promise` rejects with, checked to be an instance of `type`; fails the test when the
 * promise resolves or rejects with anything else.
 */
export async function rejection<E>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  const error = await promise.then(
    () => {
      throw new Error(`expected the call to fail with ${type.name}`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
}
