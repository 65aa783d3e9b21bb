import { afterEach, beforeEach } from 'vitest';
import { makeTempDir, openTempStore, type TempDir, type TempStore } from './temp-store.js';

/**
 * Fixtures that live for one test: each call registers a beforeEach that makes a fresh one and an afterEach
 * that removes it, in the describe (or file) it is called in, and returns a stand-in that always reaches the
 * current test's. Only for use inside tests and hooks; reading it outside a test throws.
 */
function perTest<T extends object>(what: string, make: () => T, dispose: (value: T) => void): T {
  let value: T | undefined;
  beforeEach(() => {
    value = make();
  });
  afterEach(() => {
    if (value !== undefined) dispose(value);
    value = undefined;
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (value === undefined) throw new Error(`${what} is made for each test: use it inside a test or a hook`);
      return Reflect.get(value, key) as unknown;
    },
  });
}

/** A temporary folder for each test, removed after it. */
export function useTempDir(prefix?: string): TempDir {
  return perTest(
    'the temporary folder',
    () => makeTempDir(prefix),
    (dir) => dir.remove(),
  );
}

type StoreOptions = Parameters<typeof openTempStore>[0];

/**
 * An officer store in a temporary folder for each test (see openTempStore), closed and removed after it.
 * Options given as a function are made anew for each test (a clock that must start again, say).
 */
export function useTempStore(options?: StoreOptions | (() => StoreOptions)): TempStore {
  const make = () => openTempStore(typeof options === 'function' ? options() : options);
  return perTest('the temporary store', make, (store) => store.close());
}
