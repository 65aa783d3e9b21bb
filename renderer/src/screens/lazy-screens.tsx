import { Loading } from '../components/Loading';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/**
 * Every screen but home, each in a chunk of its own (issue 11): the first screen is the project list, and it
 * must not wait for the code of the ledger, the week, sync, settings or the project page (with its charts).
 * Once home has shown its rows, preloadScreens() fetches the rest while the officer reads, so opening another
 * screen later rarely waits either.
 */
const load = {
  problems: () => import('./problems/ProblemLedgerScreen'),
  project: () => import('./project/ProjectScreen'),
  settings: () => import('./settings/SettingsScreen'),
  sync: () => import('./sync/SyncScreen'),
  week: () => import('./week/ThisWeekScreen'),
  unlock: () => import('./unlock/UnlockScreen'),
};

/** A screen's drop-in replacement (same props), showing a spinner until its chunk is in. */
function lazyScreen<P extends object>(component: () => Promise<ComponentType<P>>) {
  const Screen = lazy(() => component().then((c) => ({ default: c })));
  return function LazyScreen(props: P) {
    return (
      <ScreenSuspense>
        <Screen {...props} />
      </ScreenSuspense>
    );
  };
}

export const ProblemLedgerScreen = lazyScreen(() => load.problems().then((m) => m.ProblemLedgerScreen));
export const ProjectScreen = lazyScreen(() => load.project().then((m) => m.ProjectScreen));
export const SettingsScreen = lazyScreen(() => load.settings().then((m) => m.SettingsScreen));
export const SyncScreen = lazyScreen(() => load.sync().then((m) => m.SyncScreen));
export const ThisWeekScreen = lazyScreen(() => load.week().then((m) => m.ThisWeekScreen));
export const UnlockScreen = lazyScreen(() => load.unlock().then((m) => m.UnlockScreen));

/** What a screen shows while its chunk arrives (a few ms from the local app:// or preview origin). */
export function ScreenSuspense({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading testId="screen-loading" />}>{children}</Suspense>;
}

let preloaded = false;
/** Fetches the other screens' chunks when the browser is idle (once); a failure shows up when the screen is opened. */
export function preloadScreens(): void {
  if (preloaded) return;
  preloaded = true;
  const run = () => {
    for (const fetchChunk of Object.values(load)) fetchChunk().catch(() => undefined);
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 200);
}
