import { afterEach, beforeEach } from 'vitest';
import { makeTempDir, openTempStore, type TempDir, type TempStore } from './temp-store.js';

/**
 * Fixtures that live for one test: each call registers a beforeEach that makes a fresh one and an afterEach
 * that removes it, in the describe (or file) it is called in, and returns a stand-in that always reaches the
 * current test's. Only for use inside tests and hooks; reading it outside a test throws.
 */

function current<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is made for each test: use it inside a test or a hook`);
  return value;
}

/** A temporary folder for each test, removed after it. */
export function useTempDir(prefix?: string): TempDir {
  let dir: TempDir | undefined;
  beforeEach(() => {
    dir = makeTempDir(prefix);
  });
  afterEach(() => {
    dir?.remove();
    dir = undefined;
  });
  const now = () => current(dir, 'the temporary folder');
  return {
    get path() {
      return now().path;
    },
    file: (name) => now().file(name),
    remove: () => now().remove(),
  };
}

/** An officer store in a temporary folder for each test (see openTempStore), closed and removed after it. */
export function useTempStore(options?: Parameters<typeof openTempStore>[0]): TempStore {
  let store: TempStore | undefined;
  beforeEach(() => {
    store = openTempStore(options);
  });
  afterEach(() => {
    store?.close();
    store = undefined;
  });
  const now = () => current(store, 'the temporary store');
  return {
    get dir() {
      return now().dir;
    },
    get ctx() {
      return now().ctx;
    },
    get db() {
      return now().db;
    },
    close: () => now().close(),
  };
}
