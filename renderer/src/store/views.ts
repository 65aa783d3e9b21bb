import type { Topic } from '@shared/operations/define';
import type { DeskState } from './index';

/**
 * A view the store keeps (a slice's loaded data): the topics it reads, whether it is loaded, and how to load it
 * again. After a write the client names the topics the write changed; every loaded view that reads one of them
 * is loaded again, and no other. A view not loaded yet is left alone: its screen loads it when it mounts.
 */
export interface View<S = DeskState> {
  reads: readonly Topic[];
  loaded(s: S): boolean;
  reload(s: S): Promise<unknown>;
}

export type Views<S = DeskState> = Record<string, View<S>>;

/** The loaded views that read any of `changed`. */
export function staleViews<S>(views: Views<S>, s: S, changed: readonly Topic[]): string[] {
  return Object.entries(views)
    .filter(([, view]) => view.loaded(s) && view.reads.some((topic) => changed.includes(topic)))
    .map(([name]) => name);
}

/** Reloads the stale views together; a view that fails keeps its own error, the write has still succeeded. */
export async function refreshViews<S>(views: Views<S>, s: S, changed: readonly Topic[]): Promise<void> {
  await Promise.allSettled(staleViews(views, s, changed).map((name) => views[name]!.reload(s)));
}

/**
 * One load of a view: its answer (or its error) is applied only while no newer load of the same view was asked
 * for (`counter`, one per view), so a slow answer never overwrites a newer one.
 */
export async function loadView<T>(counter: () => () => boolean, fetch: () => Promise<T>, apply: (value: T) => void, failed: (error: unknown) => void) {
  const latest = counter();
  try {
    const value = await fetch();
    if (latest()) apply(value);
  } catch (error) {
    if (latest()) failed(error);
  }
}

/** loadView for a slice's field and its error field: the answer replaces the field and clears the error. */
export function loadField<S, K extends keyof S>(
  set: (patch: Partial<S>) => void,
  counter: () => () => boolean,
  key: K,
  errorKey: keyof S,
  fetch: () => Promise<S[K]>,
) {
  return loadView(
    counter,
    fetch,
    (value) => set({ [key]: value, [errorKey]: null } as Partial<S>),
    (error) => set({ [errorKey]: error } as Partial<S>),
  );
}

/**
 * A view's request counter: each request takes the next number, and its answer is used only while no newer
 * request for the same view has been made, so a slow answer never overwrites a newer one.
 */
export function requestCounter(): () => () => boolean {
  let latest = 0;
  return () => {
    const mine = ++latest;
    return () => mine === latest;
  };
}
