import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { OperationOutput } from '@shared/operations/index.js';
import { keyFingerprint, publicKeyPemOf, writePublicKeyFile } from '../packets/keys.js';
import { Database, type SqliteDatabase } from '../store/driver.js';
import { assignmentNumbersUsed, raiseAssignmentFloor } from './acknowledgement.js';
import { BACKUP_KEY_TABLE, backupBureau, verifyBureauBackup } from './backup.js';
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

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (d: Date) =>
  `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;

function freeName(dir: string, base: string, ext: string): string {
  let name = `${base}${ext}`;
  for (let n = 2; existsSync(join(dir, name)); n++) name = `${base}-${n}${ext}`;
  return join(dir, name);
}

function removeSidecars(path: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true });
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

function notIn(current: SqliteDatabase | null, restored: SqliteDatabase): BureauRestoreResult['notInBackup'] {
  const out = { packets: 0, ownProblemRecords: 0, masterImports: 0, assignments: 0 };
  if (!current) return out;
  for (const [what, sql] of Object.entries(LOSS_QUERIES) as [keyof typeof out, string][]) {
    const kept = ids(restored, sql);
    for (const k of ids(current, sql)) if (!kept.has(k)) out[what] += 1;
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
  const source = new Database(from, { readonly: true, fileMustExist: true });
  let carried = 0;
  try {
    db.transaction(() => {
      const parentsOfOwnSteps = 'id IN (SELECT problem_id FROM problem_events WHERE officer_id IS NULL)';
      for (const [table, where] of [
        ['problems', `officer_id IS NULL OR ${parentsOfOwnSteps}`],
        ['problem_events', 'officer_id IS NULL'],
      ] as const) {
        const rows = source.prepare(`SELECT * FROM ${table} WHERE ${where} ORDER BY rowid`).all() as Record<string, unknown>[];
        for (const row of rows) {
          if (db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(row.id)) continue;
          const parentOk =
            table === 'problems'
              ? db.prepare('SELECT 1 FROM projects WHERE id = ?').get(row.project_id) !== undefined
              : db.prepare('SELECT 1 FROM problems WHERE id = ?').get(row.problem_id) !== undefined;
          if (!parentOk) continue;
          const columns = Object.keys(row);
          db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(
            ...columns.map((c) => row[c]),
          );
          carried += 1;
        }
      }
    })();
  } finally {
    source.close();
  }
  return carried;
}

function writeKeyFile(path: string, pem: string): void {
  const temp = `${path}.${randomUUID()}.tmp`;
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, pem);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, 0o600);
  renameSync(temp, path);
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
    chmodSync(candidate, 0o600);
    verifyBureauBackup(candidate); // the copy, not only the original, is what takes the database's place
    stripKeyTable(candidate);
    removeSidecars(candidate);

    // Keep the current database aside before anything is replaced.
    mkdirSync(backupsDir, { recursive: true, mode: 0o700 });
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
    const restoredView = new Database(candidate, { readonly: true, fileMustExist: true });
    let lost: BureauRestoreResult['notInBackup'];
    try {
      lost = notIn(current, restoredView);
    } finally {
      restoredView.close();
    }
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
      const present = existsSync(paths.privateKeyPath) ? readFileSync(paths.privateKeyPath, 'utf8') : null;
      let same = false;
      try {
        same = present !== null && keyFingerprint(publicKeyPemOf(present)) === verified.keys.fingerprint;
      } catch {
        same = false;
      }
      if (!same) {
        if (present !== null) {
          keyKeptAside = freeName(backupsDir, `bureau.key.before-restore-${stamp(now)}`, '');
          renameSync(paths.privateKeyPath, keyKeptAside);
        }
        writeKeyFile(paths.privateKeyPath, verified.keys.privatePem);
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
