import { afterAll, beforeAll } from 'vitest';

type Store = typeof import('../../renderer/src/bureau/store.js');

/**
 * The bureau desk's store, loaded for the tests of the enclosing describe against a fake transport: `invoke`
 * answers every operation the store calls (as the preload's window.sponsorDesk would), and localStorage is a
 * map. Returns a getter for the loaded store module.
 */
export function useBureauStore(invoke: (name: string, input: unknown) => Promise<unknown>): () => Store {
  let store: Store | undefined;
  beforeAll(async () => {
    (globalThis as { window?: unknown }).window = { sponsorDesk: { invoke } };
    const kept = new Map<string, string>();
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => kept.get(k) ?? null,
      setItem: (k: string, v: string) => kept.set(k, v),
    };
    store = await import('../../renderer/src/bureau/store.js');
  });
  afterAll(() => {
    delete (globalThis as { window?: unknown }).window;
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });
  return () => {
    if (!store) throw new Error('the bureau store is loaded only while the describe runs its tests');
    return store;
  };
}
