import type { SqliteDatabase } from '../store/database.js';
import { readBureauSetting, writeBureauSetting } from './repository.js';

/**
 * What an assignment acknowledges, and the assignment numbers a restored bureau must stay above
 * (docs/packets.md §3, docs/bureau.md "Backup and restore").
 *
 * An officer who reads "acknowledged N" stops sending every change up to packet N's end. That is only true
 * if the bureau holds packet N **and** everything packet N took as already received: packet N carries the
 * changes after the acknowledgement its officer knew when writing it (`acknowledgedWeeklySequence` in
 * changes.json). So N is acknowledged only when it closes a chain back to 0: N received, N's base received,
 * that one's base received, … Without a restore this is simply the highest packet received (every base was
 * acknowledged, so received, before). After the bureau restores an older backup a late packet may arrive
 * whose base the restored database no longer has; acknowledging it would tell the officer to drop changes
 * the bureau lost. A voided packet (its key replaced or rejected) counts as not received.
 */

/** The highest weekly-packet sequence whose chain of bases the bureau holds whole (0: none). */
export function acknowledgeableSequence(db: SqliteDatabase, officerId: string): number {
  const sql = 'SELECT sequence, counts FROM received_packets WHERE officer_id = ? AND voided_at IS NULL ORDER BY sequence';
  const rows = db.prepare(sql).all(officerId) as { sequence: number; counts: string }[];
  const covered = new Set<number>([0]);
  let highest = 0;
  for (const row of rows) {
    let base: number;
    try {
      const counts = JSON.parse(row.counts) as { acknowledgedWeeklySequence?: unknown };
      base = typeof counts.acknowledgedWeeklySequence === 'number' ? counts.acknowledgedWeeklySequence : 0;
    } catch {
      base = 0;
    }
    // A base is always below the packet's own number (the officer numbers above what was acknowledged).
    if (base < row.sequence && covered.has(base)) {
      covered.add(row.sequence);
      highest = Math.max(highest, row.sequence);
    }
  }
  return highest;
}

/** Setting written by a restore: per officer, the highest assignment number the replaced database had written. */
const ASSIGNMENT_SEQUENCE_FLOOR = 'assignment_sequence_floor';

function floors(db: SqliteDatabase): Record<string, number> {
  try {
    const parsed = readBureauSetting(db, ASSIGNMENT_SEQUENCE_FLOOR);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, number>) : {};
  } catch {
    return {};
  }
}

/**
 * The last assignment number used for an officer: the highest written, or the floor a restore left. After a
 * restore the officer may already have applied assignments this database never saw; a number at or below
 * them would be refused as stale, so the bureau continues above.
 */
export function lastAssignmentNumber(db: SqliteDatabase, officerId: string): number {
  const written = (db.prepare('SELECT coalesce(max(sequence), 0) AS n FROM assignments WHERE officer_id = ?').get(officerId) as { n: number }).n;
  const floor = Number(floors(db)[officerId] ?? 0);
  return Math.max(written, Number.isFinite(floor) ? floor : 0);
}

/** Per officer, the highest assignment number a database has used (for the floor of its replacement). */
export function assignmentNumbersUsed(db: SqliteDatabase): Record<string, number> {
  const used = floors(db);
  const rows = db.prepare('SELECT officer_id AS officerId, max(sequence) AS n FROM assignments GROUP BY officer_id').all() as {
    officerId: string;
    n: number;
  }[];
  for (const r of rows) used[r.officerId] = Math.max(used[r.officerId] ?? 0, r.n);
  return used;
}

/** Raises the restored database's floor to what the replaced one had used (never lowers it). */
export function raiseAssignmentFloor(db: SqliteDatabase, used: Record<string, number>): void {
  const merged = floors(db);
  for (const [id, n] of Object.entries(used)) merged[id] = Math.max(merged[id] ?? 0, n);
  writeBureauSetting(db, ASSIGNMENT_SEQUENCE_FLOOR, merged);
}
