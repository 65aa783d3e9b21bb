import { dirname, extname, join } from 'node:path';
import { z } from 'zod';
import { longWorkEntry, runLongWork, type LongWorkEntry } from '../main/long-work.js';
import { passphraseOf } from '../store/driver.js';
import type { IntegrityInput, IntegrityResult } from '../store/integrity-check.js';
import { readSetting, writeSetting } from '../store/repositories/settings.js';
import type { ServiceContext } from '../handlers/context.js';

/**
 * When the store's full integrity check runs (docs/reliability.md "Integrity check"): opening the store no
 * longer waits for it, so it runs in a worker thread after start, on its own read-only connection, and
 * again once a day while the app stays open. A store whose last check passed less than a day ago is not
 * checked again at start; a failed one is checked at every start until it passes (after a restore). The
 * result and its time are kept in the store's settings (app.info shows them; Settings and a warning on
 * every screen say them in the user's language).
 */
export const INTEGRITY_SETTING = 'integrity_check';
const DAY_MS = 24 * 60 * 60 * 1000;

export const IntegrityRecord = z.object({ checkedAt: z.string(), ok: z.boolean(), findings: z.array(z.string()) });
export type IntegrityRecord = z.infer<typeof IntegrityRecord>;

/** The last result of each open store, also when it could not be written to the store (a damaged one may refuse). */
const lastResult = new WeakMap<ServiceContext, IntegrityRecord>();

/** The last check's result: this run's if there was one, else what the store recorded. Null: never checked. */
export function integrityStatus(ctx: ServiceContext): IntegrityRecord | null {
  return lastResult.get(ctx) ?? (ctx.locked ? null : readSetting(ctx.db, INTEGRITY_SETTING, IntegrityRecord));
}

/** True when the store should be checked now: never checked, last check failed, or passed more than a day ago. */
export function integrityCheckDue(ctx: ServiceContext): boolean {
  const last = integrityStatus(ctx);
  if (!last || !last.ok) return true;
  const at = Date.parse(last.checkedAt);
  return !Number.isFinite(at) || ctx.now().getTime() - at >= DAY_MS;
}

/** The worker script beside long-work's (bundled .cjs in the app, the .ts source through tsx elsewhere). */
function integrityEntry(): LongWorkEntry {
  const longWork = longWorkEntry();
  const ext = extname(longWork.path);
  return { path: join(dirname(longWork.path), `integrity-check${ext}`), execArgv: longWork.execArgv };
}

/** Records a result: in memory at once, in the store's settings when it accepts the write. */
export function recordIntegrity(ctx: ServiceContext, result: IntegrityResult): IntegrityRecord {
  const record: IntegrityRecord = { checkedAt: result.checkedAt, ok: result.ok, findings: result.findings };
  lastResult.set(ctx, record);
  try {
    if (!ctx.locked) writeSetting(ctx.db, INTEGRITY_SETTING, record);
  } catch {
    // A damaged store may refuse the write; the warning still shows from memory for this run.
  }
  return record;
}

export interface IntegrityRun {
  /** The result, or null when no check was due (or the store is locked). */
  done: Promise<IntegrityRecord | null>;
  stop(): Promise<void>;
}

/**
 * Runs the check in a worker when it is due (`force`: even when not). Never throws: a worker that dies is
 * recorded as a failed check naming why, which is what the user needs to hear.
 */
export function startIntegrityCheck(ctx: ServiceContext, options: { force?: boolean; entry?: LongWorkEntry } = {}): IntegrityRun {
  if (ctx.locked || !(options.force || integrityCheckDue(ctx))) return { done: Promise.resolve(null), stop: async () => undefined };
  const input: IntegrityInput = { databasePath: ctx.databasePath, passphrase: passphraseOf(ctx.db) };
  const run = runLongWork<IntegrityResult>('integrity check', input, { entry: options.entry ?? integrityEntry() });
  const done = run.result.then(
    (result) => recordIntegrity(ctx, { ...result, checkedAt: ctx.now().toISOString() }),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      // Stopped on purpose (the app closing): nothing to report.
      if (/was stopped/.test(message)) return null;
      return recordIntegrity(ctx, { checkedAt: ctx.now().toISOString(), ok: false, findings: [message], ms: 0 });
    },
  );
  return { done, stop: run.terminate };
}

/** How often a running app asks whether a check is due (cheap: one settings read). */
const TICK_MS = 10 * 60 * 1000;

/**
 * The schedule for a running app: a check after start when due, then whenever one falls due again (a day
 * after the last, or soon after a locked store is unlocked). The timer does not keep the process alive;
 * `stop` ends it and any check under way.
 */
export function scheduleIntegrityChecks(ctx: ServiceContext, tickMs = TICK_MS): { stop(): Promise<void>; current(): IntegrityRun } {
  let running = false;
  let current: IntegrityRun = { done: Promise.resolve(null), stop: async () => undefined };
  const tick = (): void => {
    if (running) return;
    current = startIntegrityCheck(ctx);
    running = true;
    void current.done.finally(() => {
      running = false;
    });
  };
  tick();
  const timer = setInterval(tick, tickMs);
  timer.unref();
  return {
    current: () => current,
    stop: async () => {
      clearInterval(timer);
      await current.stop();
    },
  };
}
