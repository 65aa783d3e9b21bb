/**
 * The process the crash harness kills. It runs the real work, in order, on the run folder it is given:
 *   1. import: apply an assignment to the officer store (a backup first, then one transaction);
 *   2. backup: write a backup of the store (backup-service);
 *   3. export: export a weekly packet (temp file, fsync, rename, history row);
 *   4. (protected variant) rekey: change the store's passphrase (the database, then every backup);
 *   5. ingest: fold weekly packets into the bureau database.
 * It prints `ready` when its modules are loaded and before anything is touched, `step NAME` before each
 * step and `done` at the end. Checkpoints (every rename, fsync, transaction body/commit, backup) are
 * numbered and printed as `cp N name`; with CRASH_PAUSE_AT=N it stops dead at checkpoint N (prints
 * `paused N name` and blocks) so the harness can kill it in exactly that window.
 *
 * Configuration: CRASH_CONFIG (JSON: officerDb, assignment, outDir, bureauDb, packets[], now, passphrase, rekeyTo).
 */
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const config = JSON.parse(process.env.CRASH_CONFIG ?? '{}') as {
  officerDb: string;
  assignment: string;
  outDir: string;
  bureauDb: string;
  packets: string[];
  now: string;
  /** The protected variant: the store's passphrase, and the one the `rekey` step changes it to. */
  passphrase: string | null;
  rekeyTo: string | null;
};
const pauseAt = Number(process.env.CRASH_PAUSE_AT ?? '0');
const say = (line: string) => fs.writeSync(1, `${line}\n`);

let checkpoint = 0;
function cp(name: string): void {
  checkpoint += 1;
  if (checkpoint === pauseAt) {
    say(`paused ${checkpoint} ${name}`);
    // Stop dead: nothing after this line runs until the harness kills the process.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
  }
  say(`cp ${checkpoint} ${name}`);
}

// ── checkpoints around what makes or breaks durability ──
const fsMut = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
for (const name of ['renameSync', 'fsyncSync'] as const) {
  const original = fsMut[name]!;
  fsMut[name] = function (this: unknown, ...args: unknown[]) {
    const label = name === 'renameSync' ? `rename ${String(args[1]).split(/[\\/]/).pop()}` : 'fsync';
    cp(`before ${label}`);
    const result = original.apply(this, args);
    cp(`after ${label}`);
    return result;
  };
}
syncBuiltinESMExports();

interface SqliteProto {
  transaction(fn: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown;
  backup(path: string, options?: unknown): Promise<unknown>;
  rekey?(key: unknown): unknown;
}

/** Wraps transaction() and backup() of a better-sqlite3 build (the store may use either driver). */
function instrument(proto: SqliteProto): void {
  const originalTransaction = proto.transaction;
  proto.transaction = function (this: unknown, fn: (...args: unknown[]) => unknown) {
    const wrapped = originalTransaction.call(this, function (this: unknown, ...args: unknown[]) {
      cp('transaction body');
      const result = fn.apply(this, args);
      cp('transaction before commit');
      return result;
    });
    const outer = function (this: unknown, ...args: unknown[]) {
      const result = wrapped.apply(this, args);
      cp('transaction committed');
      return result;
    };
    return Object.assign(outer, wrapped);
  };
  const originalBackup = proto.backup;
  proto.backup = async function (this: unknown, path: string, options?: unknown) {
    cp('backup start');
    // Small steps so a kill can land with the copy half written.
    const result = await originalBackup.call(this, path, { ...(options as object), progress: () => (cp('backup step'), 8) });
    cp('backup done');
    return result;
  };
  const originalRekey = proto.rekey;
  if (originalRekey) {
    proto.rekey = function (this: unknown, key: unknown) {
      cp('before rekey');
      const result = originalRekey.call(this, key);
      cp('after rekey');
      return result;
    };
  }
}
const require = createRequire(import.meta.url);
for (const driver of ['better-sqlite3', 'better-sqlite3-multiple-ciphers']) {
  try {
    instrument((require(driver) as { prototype: SqliteProto }).prototype);
  } catch {
    // not installed: the store does not use it
  }
}

const { openOfficerStore } = await import('../../electron/app/open-store.js');
const { applyAssignment } = await import('../../electron/sync/assignment-import.js');
const { writeBackup } = await import('../../electron/handlers/backups.js');
const { exportWeeklyPacket } = await import('../../electron/sync/weekly-export.js');
const { openBureau } = await import('../../electron/bureau/context.js');
const { ingestFiles } = await import('../../electron/bureau/ingest.js');
const { changePassphrase } = await import('../../electron/protection/protection.js');

const now = () => new Date(config.now);
const started = performance.now();
say('ready');

say('step import');
const ctx = openOfficerStore({ databasePath: config.officerDb, now, passphrase: config.passphrase });
const applied = await applyAssignment(ctx, config.assignment);
if (!applied.applied) throw new Error('the assignment was not applied');
say('step backup');
await writeBackup(ctx, 'manual');
say('step export');
await exportWeeklyPacket(ctx, { outDir: config.outDir });
if (config.passphrase && config.rekeyTo) {
  say('step rekey');
  changePassphrase(ctx, config.passphrase, config.rekeyTo);
}
ctx.db.close();
say('step ingest');
const bureau = openBureau(config.bureauDb, now);
const results = await ingestFiles(bureau, config.packets);
const refused = results.filter((r) => r.status !== 'accepted');
if (refused.length > 0) throw new Error(`ingest refused: ${JSON.stringify(refused.map((r) => r.error))}`);
bureau.db.close();
say(`done ${Math.round(performance.now() - started)} ${checkpoint}`);
