import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { keyFingerprint, publicKeyPemOf, writePublicKeyFile } from '../packets/keys.js';
import { Database, type SqliteDatabase } from '../store/driver.js';
import { chmodPrivate, mkdirPrivate, writeFileAtomically } from '../store/private-files.js';
import { assignmentNumbersUsed, raiseAssignmentFloor } from './acknowledgement.js';
import { BACKUP_KEY_TABLE, backupBureau, removeSidecars, verifyBureauBackup } from './backup.js';
import { bureauPaths, type BureauContext } from './context.js';
import { openBureauDatabase } from './database.js';

/**
 * `sponsor-desk bureau restore FILE` (docs/bureau.md "Backup and restore"). Order, so that nothing is ever
 * lost: the backup is verified, copied beside the database and verified again; the current database is kept
 * aside as a full backup of its own (`backups/bureau-before-restore-….sqlite`, with its key; a damaged one is
 * copied as it is); only then the verified copy takes the database's place by rename, the key pair from
 * the backup is put beside it (a different key file is moved aside, never deleted), and the database is
 * reopened (migrated if older). If that fails, the kept-aside database is put back.
 *
 * What the restore loses is said, not hidden: packets folded since the backup (the officers send them
 * again: their next assignment acknowledges less, docs/packets.md §3), and the bureau's own work since
 * (problems raised, steps recorded, master lists imported), which no packet brings back (it is in the
 * kept-aside copy). Assignment numbers continue above the highest the replaced database had written, or
 * the officers would refuse the next assignments as stale.
 */

/** What was restored, what was kept aside, and what the replaced database held that the restored one does not. */
export type BureauRestoreResult = OperationOutput<'bureau.restore'>;

/** `20261202-103424`: when a file was kept aside, in its name. */
export const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

export function freeName(dir: string, base: string, ext: string): string {
  let name = `${base}${ext}`;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}${ext}`;
  return join(dir, name);
}

function ids(db: SqliteDatabase, sql: string): Set<string> {
  return new Set((db.prepare(sql).all() as { k: string }[]).map((r) => String(r.k)));
}

const LOSS_QUERIES = {
  packets: 'SELECT packet_id AS k FROM received_packets',
  ownProblemRecords:
    "SELECT 'p' || id AS k FROM problems WHERE officer_id IS NULL UNION ALL SELECT 'e' || id AS k FROM problem_events WHERE officer_id IS NULL",
  masterImports: 'SELECT id AS k FROM master_imports',
  assignments: "SELECT officer_id || ':' || sequence AS k FROM assignments",
} as const;

/** What the replaced database holds that the restored one (a file not yet in place) does not. */
function notIn(current: SqliteDatabase | null, restoredPath: string): BureauRestoreResult['notInBackup'] {
  const out = { packets: 0, ownProblemRecords: 0, masterImports: 0, assignments: 0 };
  if (!current) return out;
  const restored = new Database(restoredPath, { readonly: true, fileMustExist: true });
  try {
    for (const [what, sql] of Object.entries(LOSS_QUERIES) as [keyof typeof out, string][]) {
      const kept = ids(restored, sql);
      for (const k of ids(current, sql)) if (!kept.has(k)) out[what] += 1;
    }
  } finally {
    restored.close();
  }
  return out;
}

/**
 * The bureau's own problems and problem steps (officer_id NULL) that the replaced database has and the
 * restored one lacks are copied over, as they were: officers hold them already (assignments carried them),
 * their steps on them would otherwise be refused as referring to nothing, and no packet brings them back.
 * A bureau step on an officer's problem that the restored database lost brings that problem along (as the
 * replaced database had it, with its sender and packet): the officer's next packet carries it again anyway,
 * and the step would otherwise be lost. A problem on a project the restored database does not have (a
 * master list imported since) stays out, with its steps.
 */
function carryOwnProblemRecords(from: string, db: SqliteDatabase): number {
  const toCarry = {
    problems: `project_id IN (SELECT id FROM main.projects) AND (officer_id IS NULL OR id IN (SELECT problem_id FROM kept.problem_events WHERE officer_id IS NULL))`,
    problem_events: 'problem_id IN (SELECT id FROM main.problems) AND officer_id IS NULL',
  };
  db.prepare('ATTACH DATABASE ? AS kept').run(from);
  try {
    return db.transaction(() => {
      let carried = 0;
      for (const [table, where] of Object.entries(toCarry)) {
        const columns = (db.pragma(`main.table_info(${table})`) as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
        const sql = `INSERT INTO main.${table} (${columns}) SELECT ${columns} FROM kept.${table} WHERE ${where} AND id NOT IN (SELECT id FROM main.${table}) ORDER BY rowid`;
        carried += db.prepare(sql).run().changes;
      }
      return carried;
    })();
  } finally {
    db.exec('DETACH DATABASE kept');
  }
}

/** The fingerprint of the private key in a file; null when there is none or it is not a key. */
function keyFileFingerprint(path: string): string | null {
  try {
    return keyFingerprint(publicKeyPemOf(readFileSync(path, 'utf8')));
  } catch {
    return null;
  }
}

/** Opens the current database for keeping aside; null when it is missing or cannot be opened (damaged). */
function openCurrent(dbPath: string): SqliteDatabase | null {
  if (!existsSync(dbPath)) return null;
  try {
    return openBureauDatabase(dbPath);
  } catch {
    return null;
  }
}

/** Turns a copy written by backupBureau into a plain bureau database file (the key table removed). */
function stripKeyTable(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.exec(`DROP TABLE IF EXISTS ${BACKUP_KEY_TABLE}`);
  } finally {
    db.close();
  }
}

export async function restoreBureau(dbPath: string, file: string, options: { now: () => Date; ctx?: BureauContext }): Promise<BureauRestoreResult> {
  const paths = bureauPaths(dbPath);
  const source = resolve(file);
  if (source === paths.dbPath) throw new AppError('invalid_input', 'the backup is the database itself', { what: 'backup', path: source });
  const verified = verifyBureauBackup(source);
  const now = options.now();
  const backupsDir = join(paths.dir, 'backups');
  const candidate = join(paths.dir, `.restore-${randomUUID()}.sqlite`);
  let current: SqliteDatabase | null = options.ctx?.db ?? null;
  let openedHere: SqliteDatabase | null = null;
  try {
    copyFileSync(source, candidate);
    chmodPrivate(candidate);
    verifyBureauBackup(candidate); // the copy, not only the original, is what takes the database's place
    stripKeyTable(candidate);
    removeSidecars(candidate);

    // Keep the current database aside before anything is replaced.
    mkdirPrivate(backupsDir);
    if (!current) current = openedHere = openCurrent(paths.dbPath);
    let keptAside: string | null = null;
    if (current) {
      keptAside = freeName(backupsDir, `bureau-before-restore-${stamp(now)}`, '.sqlite');
      await backupBureau({ db: current, privateKeyPath: paths.privateKeyPath, now: options.now }, keptAside, { leaveOutMismatchedKey: true });
    } else if (existsSync(paths.dbPath)) {
      keptAside = freeName(backupsDir, `bureau-before-restore-${stamp(now)}-unopenable`, '.sqlite');
      copyFileSync(paths.dbPath, keptAside);
      for (const suffix of ['-wal', '-shm']) if (existsSync(paths.dbPath + suffix)) copyFileSync(paths.dbPath + suffix, keptAside + suffix);
    }
    const lost = notIn(current, candidate);
    const used = current ? assignmentNumbersUsed(current) : {};

    if (current) {
      current.pragma('wal_checkpoint(TRUNCATE)');
      current.close();
      openedHere = null;
    }
    removeSidecars(paths.dbPath);
    renameSync(candidate, paths.dbPath);

    // The signing key travels with the backup; a different key file beside the database is moved aside.
    let keyKeptAside: string | null = null;
    if (verified.keys) {
      if (keyFileFingerprint(paths.privateKeyPath) !== verified.keys.fingerprint) {
        if (existsSync(paths.privateKeyPath)) {
          keyKeptAside = freeName(backupsDir, `bureau.key.before-restore-${stamp(now)}`, '');
          renameSync(paths.privateKeyPath, keyKeptAside);
        }
        writeFileAtomically(paths.privateKeyPath, Buffer.from(verified.keys.privatePem));
      }
      writePublicKeyFile(paths.publicKeyPath, verified.keys.publicPem);
    }

    let db: SqliteDatabase;
    let ownProblemRecordsCarried = 0;
    try {
      db = openBureauDatabase(paths.dbPath);
      raiseAssignmentFloor(db, used);
      if (keptAside && current) ownProblemRecordsCarried = carryOwnProblemRecords(keptAside, db);
    } catch (error) {
      if (keptAside && current) {
        copyFileSync(keptAside, paths.dbPath);
        removeSidecars(paths.dbPath);
        stripKeyTable(paths.dbPath);
        const back = openBureauDatabase(paths.dbPath);
        if (options.ctx) options.ctx.db = back;
        else back.close();
      }
      throw error;
    }
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (options.ctx) options.ctx.db = db;
    else db.close();
    return {
      restoredFrom: source,
      dbPath: paths.dbPath,
      keptAside,
      keyKeptAside,
      keyFingerprint: verified.keys?.fingerprint ?? null,
      schemaVersion,
      notInBackup: lost,
      ownProblemRecordsCarried,
      restoredAt: now.toISOString(),
    };
  } finally {
    (openedHere as SqliteDatabase | null)?.close();
    rmSync(candidate, { force: true });
    removeSidecars(candidate);
  }
}

/**
 * A restore asked of an open desk (a window, the preview, the CLI): the desk's own connection is the one the
 * restore keeps aside and closes, and the desk is handed the restored database's connection, so the next
 * operation reads the restored desk. A database that does not open (damaged) is kept aside as a file instead.
 */
export async function restoreDesk(ctx: BureauContext, file: string): Promise<BureauRestoreResult> {
  let open = false;
  try {
    open = ctx.db.open;
  } catch {
    // Damaged or missing: restoreBureau copies it aside as it is, and the desk opens the restored one when next asked.
  }
  try {
    return await restoreBureau(ctx.dbPath, file, { now: ctx.now, ctx: open ? ctx : undefined });
  } finally {
    if (open && !ctx.db.open) ctx.db = openBureauDatabase(ctx.dbPath);
  }
}
