import type { z } from 'zod';
import type { VoidedRecordRow as VoidedRecordRowSchema, VoidOutcome as VoidOutcomeSchema } from '@shared/operations/bureau.js';
import { columnOf, parentLinks, whereEqual } from '@shared/records/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { FOLD_ORDER, FOLD_TABLES, type FoldEntity } from './fold.js';
import { columnsAs, parsedJson } from '../store/row-sql.js';

/**
 * Voiding the packets a key delivered, when a person replaces or rejects that key (docs/bureau.md, "Officers
 * and their keys"). Nothing is deleted for good: each record such a packet brought in is moved, whole, to
 * `voided_records`, so the summary, the ledger, the problem list and the assignments (which read only the
 * record tables) stop counting it, while `voided_records` keeps it visible. Run inside a transaction.
 *
 * - A record another, still valid, packet sent in a different version (a conflict row) is not lost: the
 *   earliest such version takes its place.
 * - Records that hang on a voided record (a close-off of a voided checklist item, events of a voided
 *   problem, photos of a voided visit or event), whoever sent them, are set aside with it: they would point
 *   at nothing.
 * - Conflict rows a voided packet caused are set aside too.
 */

/** `restored`: records kept in force by a valid packet's version of them. */
export type VoidOutcome = z.infer<typeof VoidOutcomeSchema>;

/** What hangs on a record of `parent` (the record catalogue's parents): each child kind with the SELECT of its ids. */
const childrenOf = (parent: FoldEntity) =>
  FOLD_ORDER.flatMap((entity) =>
    parentLinks(entity)
      .filter((link) => link.parent === parent)
      .map((link) => {
        const ofKind = link.kindField ? ` AND ${columnOf(link.kindField)} = '${parent}'` : '';
        return { entity, sql: `SELECT id FROM ${FOLD_TABLES[entity].table} WHERE ${columnOf(link.field)} = ?${ofKind}` };
      }),
  );

interface RowRef {
  entity: FoldEntity;
  id: string;
  reason: string;
}

function rawRow(db: SqliteDatabase, entity: FoldEntity, id: string): Record<string, unknown> {
  return db.prepare(`SELECT * FROM ${FOLD_TABLES[entity].table} WHERE id = ?`).get(id) as Record<string, unknown>;
}

/** A received packet not voided (false for one never received). */
const stillCounts = (db: SqliteDatabase, packetId: string) =>
  (db.prepare('SELECT voided_at AS v FROM received_packets WHERE packet_id = ?').get(packetId) as { v: string | null } | undefined)?.v === null;

/**
 * Marks the packets voided and sets their records aside. Packets already voided are left as they are.
 * `reason` is stored on the packets and the records (e.g. `key_replaced`, `key_rejected`).
 */
export function voidPackets(db: SqliteDatabase, packetIds: readonly string[], reason: string, at: string): VoidOutcome {
  const outcome: VoidOutcome = { packets: 0, records: 0, conflicts: 0, restored: 0 };
  const voiding = packetIds.filter((id) => stillCounts(db, id));
  if (voiding.length === 0) return outcome;
  const setAside = db.prepare(
    'INSERT INTO voided_records (kind, entity, record_id, officer_id, packet_id, record, reason, voided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const id of voiding) db.prepare('UPDATE received_packets SET voided_at = ?, voided_reason = ? WHERE packet_id = ?').run(at, reason, id);
  outcome.packets = voiding.length;

  // Conflict rows the voided packets caused: aside (their "incoming" version was never in force).
  for (const id of voiding) {
    const rows = db.prepare('SELECT * FROM conflicts WHERE packet_id = ?').all(id) as Record<string, unknown>[];
    for (const row of rows) {
      setAside.run('conflict', row.entity, row.record_id, row.officer_id, row.packet_id, JSON.stringify(row), reason, at);
      db.prepare('DELETE FROM conflicts WHERE id = ?').run(row.id);
      outcome.conflicts++;
    }
  }

  // The records the voided packets brought in first, then everything hanging on them (transitively).
  const doomed = new Map<string, RowRef>();
  const queue: RowRef[] = [];
  const doom = (ref: RowRef) => {
    if (doomed.has(`${ref.entity}:${ref.id}`)) return;
    doomed.set(`${ref.entity}:${ref.id}`, ref);
    queue.push(ref);
  };
  for (const entity of FOLD_ORDER) {
    const table = FOLD_TABLES[entity].table;
    for (const id of voiding) {
      for (const row of db.prepare(`SELECT id FROM ${table} WHERE packet_id = ?`).all(id) as { id: string }[]) {
        // A valid packet's different version of the same record takes its place, rather than losing it.
        const replacement = (
          db
            .prepare('SELECT id, packet_id AS packetId, officer_id AS officerId, incoming FROM conflicts WHERE entity = ? AND record_id = ? ORDER BY id')
            .all(entity, row.id) as { id: number; packetId: string; officerId: string; incoming: string }[]
        ).find((c) => stillCounts(db, c.packetId));
        if (replacement) {
          const held = rawRow(db, entity, row.id);
          setAside.run('record', entity, row.id, held.officer_id ?? null, id, JSON.stringify(held), reason, at);
          const fields = Object.entries(FOLD_TABLES[entity].columns).filter(([f]) => f !== 'id');
          const incoming = JSON.parse(replacement.incoming) as Record<string, unknown>;
          db.prepare(
            `UPDATE ${table} SET ${fields.map(([f, c]) => `"${c}" = @${f}`).join(', ')}, officer_id = @__officerId, packet_id = @__packetId WHERE id = @id`,
          ).run({
            ...Object.fromEntries(fields.map(([f]) => [f, incoming[f] ?? null])),
            id: row.id,
            __officerId: replacement.officerId,
            __packetId: replacement.packetId,
          });
          db.prepare('DELETE FROM conflicts WHERE id = ?').run(replacement.id);
          outcome.restored++;
          continue;
        }
        doom({ entity, id: row.id, reason });
      }
    }
  }
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const child of childrenOf(parent.entity)) {
      for (const row of db.prepare(child.sql).all(parent.id) as { id: string }[]) doom({ entity: child.entity, id: row.id, reason: `${reason}:parent_voided` });
    }
  }

  // Children before parents (the foreign keys), each row copied whole into voided_records first.
  const order = [...FOLD_ORDER].reverse();
  const refs = [...doomed.values()].sort((a, b) => order.indexOf(a.entity) - order.indexOf(b.entity));
  for (const ref of refs) {
    const row = rawRow(db, ref.entity, ref.id);
    if (!row) continue;
    const packetId = typeof row.packet_id === 'string' ? row.packet_id : null;
    setAside.run('record', ref.entity, ref.id, row.officer_id ?? null, packetId, JSON.stringify(row), ref.reason, at);
    db.prepare(`DELETE FROM ${FOLD_TABLES[ref.entity].table} WHERE id = ?`).run(ref.id);
    outcome.records++;
  }
  return outcome;
}

/** The packets a key delivered to the bureau for an officer and that still count. */
export function validPacketsOfKey(db: SqliteDatabase, officerId: string, fingerprint: string): string[] {
  return (
    db
      .prepare('SELECT packet_id AS id FROM received_packets WHERE officer_id = ? AND key_fingerprint = ? AND voided_at IS NULL ORDER BY sequence')
      .all(officerId, fingerprint) as { id: string }[]
  ).map((r) => r.id);
}

export type VoidedRecordRow = z.infer<typeof VoidedRecordRowSchema>;

/** Everything set aside, oldest first (for `officers voided` and tests). */
export function listVoidedRecords(db: SqliteDatabase, officerId?: string): VoidedRecordRow[] {
  const { clause, params } = whereEqual({ officer_id: officerId });
  const columns = columnsAs('id kind entity recordId officerId packetId record reason voidedAt');
  return parsedJson<VoidedRecordRow>(db.prepare(`SELECT ${columns} FROM voided_records ${clause} ORDER BY id`).all(...params), 'record');
}
