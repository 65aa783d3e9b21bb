import { Spin } from 'antd';
import { lazy, Suspense, type ComponentProps, type ReactNode } from 'react';

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

const Lazy = {
  problems: lazy(() => load.problems().then((m) => ({ default: m.ProblemLedgerScreen }))),
  project: lazy(() => load.project().then((m) => ({ default: m.ProjectScreen }))),
  settings: lazy(() => load.settings().then((m) => ({ default: m.SettingsScreen }))),
  sync: lazy(() => load.sync().then((m) => ({ default: m.SyncScreen }))),
  week: lazy(() => load.week().then((m) => ({ default: m.ThisWeekScreen }))),
  unlock: lazy(() => load.unlock().then((m) => ({ default: m.UnlockScreen }))),
};

/** Drop-in replacements for the screens' own components (same props), each showing a spinner until its chunk is in. */
export const ProblemLedgerScreen = () => (
  <ScreenSuspense>
    <Lazy.problems />
  </ScreenSuspense>
);
export const ProjectScreen = (p: ComponentProps<typeof Lazy.project>) => (
  <ScreenSuspense>
    <Lazy.project {...p} />
  </ScreenSuspense>
);
export const SettingsScreen = () => (
  <ScreenSuspense>
    <Lazy.settings />
  </ScreenSuspense>
);
export const SyncScreen = () => (
  <ScreenSuspense>
    <Lazy.sync />
  </ScreenSuspense>
);
export const ThisWeekScreen = () => (
  <ScreenSuspense>
    <Lazy.week />
  </ScreenSuspense>
);
export const UnlockScreen = (p: ComponentProps<typeof Lazy.unlock>) => (
  <ScreenSuspense>
    <Lazy.unlock {...p} />
  </ScreenSuspense>
);

/** What a screen shows while its chunk arrives (a few ms from the local app:// or preview origin). */
export function ScreenSuspense({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div style={{ padding: 48, textAlign: 'center' }} data-testid="screen-loading">
          <Spin />
        </div>
      }
    >
      {children}
    </Suspense>
  );
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
