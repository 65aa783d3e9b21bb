import { openConnection } from './driver.js';

/**
 * The store's full integrity check (PRAGMA integrity_check: every page, every index against its table).
 * It used to run (as quick_check) on every open and was most of the start-up time of a large store, so it
 * now runs on a connection of its own, off the serving thread (jobs/integrity-schedule.ts starts it in
 * a worker after the store is open). Opening still refuses a file that is not SQLite (database.ts).
 */
export interface IntegrityResult {
  /** ISO time the check finished. */
  checkedAt: string;
  ok: boolean;
  /** SQLite's first few findings when not ok (English, for the log and the details line). */
  findings: string[];
  ms: number;
}

const MAX_FINDINGS = 5;

export interface IntegrityInput {
  databasePath: string;
  passphrase: string | null;
}

/** Runs the check read-only (nothing is written to the store); a file SQLite cannot read at all is a failure too. */
export function runIntegrityCheck(input: IntegrityInput, now: () => Date = () => new Date()): IntegrityResult {
  const start = performance.now();
  let findings: string[];
  try {
    const db = openConnection(input.databasePath, { readonly: true, fileMustExist: true, passphrase: input.passphrase });
    try {
      const rows = db.pragma(`integrity_check(${MAX_FINDINGS})`) as { integrity_check: string }[];
      findings = rows.map((r) => r.integrity_check);
    } finally {
      db.close();
    }
  } catch (error) {
    findings = [error instanceof Error ? error.message : String(error)];
  }
  const ok = findings.length === 1 && findings[0] === 'ok';
  return { checkedAt: now().toISOString(), ok, findings: ok ? [] : findings, ms: Math.round(performance.now() - start) };
}
