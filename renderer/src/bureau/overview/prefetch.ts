import { useEffect } from 'react';
import { useBureau } from '../store';

/**
 * Once the overview has shown its figures and its series, the project table's rows are fetched while the browser
 * is idle, so the first click on 项目库 (or on a figure) shows rows at once: bureau.projects.list is the slowest
 * read at district scale (tests/bench/bureau-render.bench.ts). The table still reloads them when it opens.
 */
export function usePrefetchProjectRows(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const run = () => {
      const s = useBureau.getState();
      if (s.projectList === null) void s.loadProjectList();
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(run, { timeout: 2000 });
      return () => cancelIdleCallback(id);
    }
    const id = setTimeout(run, 200);
    return () => clearTimeout(id);
  }, [ready]);
}
