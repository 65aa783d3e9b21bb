import type { Migration } from './types.js';

/**
 * The audit trail, enforced by the database itself: officer records are never changed or deleted.
 * A correction is a new record (a new investment entry for the month, a reopen event after a close-off, a
 * problem event), each carrying who and when. Until now that was the code's discipline; from this version
 * SQLite refuses any UPDATE or DELETE of such a row, whoever runs it (a bug, a script, a hand-edit with a
 * SQLite tool that honours triggers): `RAISE(ABORT)` rolls the statement back and nothing changes.
 *
 * Protected: visits, attachments, checklist events, milestone reports, investment entries, problem events
 * (both sides append; merged as a union), the change-log outbox, and the rows the officer created in the
 * shared tables: problems and checklist items with origin 'officer'. Bureau-owned rows (projects,
 * milestones, bureau checklist items and problems) stay writable by the assignment import, which is how
 * the bureau's re-dating and withdrawals arrive. Settings and the sync tables (imports, exports, conflicts)
 * record the exchange, not officer work, and are not covered. A test (tests/integration/audit-trail.test.ts)
 * also scans the code for UPDATE/DELETE statements on these tables.
 */
const APPEND_ONLY = ['visits', 'attachments', 'checklist_events', 'milestone_reports', 'investment_entries', 'problem_events', 'change_log'] as const;
const OFFICER_ROWS = ['problems', 'checklist_items'] as const;

const message = (table: string) => `append_only: ${table} rows are never changed or deleted; a correction is a new record`;

function triggers(table: string, when = ''): string {
  return ['UPDATE', 'DELETE']
    .map(
      (op) => `
    CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}${when ? ` FOR EACH ROW WHEN ${when}` : ''}
    BEGIN SELECT RAISE(ABORT, '${message(table)}'); END;`,
    )
    .join('');
}

/**
 * `INSERT OR REPLACE` deletes the existing row without firing delete triggers (unless recursive triggers
 * are on, which a connection chooses), so an insert of a row that already exists is refused before it.
 * The message starts like SQLite's own for a duplicate key, which a plain duplicate insert would get anyway.
 */
function noReplace(table: string, exists: string): string {
  return `
    CREATE TRIGGER ${table}_no_replace BEFORE INSERT ON ${table} FOR EACH ROW WHEN EXISTS (SELECT 1 FROM ${table} WHERE ${exists})
    BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: ${table} (append_only: an existing row is never replaced; a correction is a new record)'); END;`;
}

export const migration003: Migration = {
  version: 3,
  name: 'append-only officer records',
  up: [
    ...APPEND_ONLY.map((t) => triggers(t)),
    ...OFFICER_ROWS.map((t) => triggers(t, "OLD.origin = 'officer'")),
    ...APPEND_ONLY.filter((t) => t !== 'change_log').map((t) => noReplace(t, 'id = NEW.id')),
    noReplace('change_log', 'seq = NEW.seq OR (entity = NEW.entity AND record_id = NEW.record_id)'),
    ...OFFICER_ROWS.map((t) => noReplace(t, "id = NEW.id AND origin = 'officer'")),
  ].join('\n'),
};

export const APPEND_ONLY_TABLES: readonly string[] = APPEND_ONLY;
export const OFFICER_ORIGIN_TABLES: readonly string[] = OFFICER_ROWS;
