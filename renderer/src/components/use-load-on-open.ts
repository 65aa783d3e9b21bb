import { useEffect } from 'react';

/** Loads a screen's view from the store when the screen opens (store actions are stable, so once). */
export function useLoadOnOpen(load: () => Promise<unknown>): void {
  useEffect(() => {
    void load();
  }, [load]);
}
