import type { Database } from '../../store/driver.js';
import type { Migration } from '../../store/migrations/types.js';

/**
 * What each assignment handed to its officer, so ingest can tell whose records a packet may carry (issue 9,
 * point 1; docs/bureau.md "Whose records a packet may carry"):
 * - `assignment_projects`: one row per project listed in an assignment file. An officer may write to a project
 *   that is theirs now, or to one an assignment once handed them, for records made before their app let go.
 * - `conflicts.kind`: 'content' (the same id arrived with other content, as before) or 'illegal_step' (a problem
 *   step that was not legal in the problem's state when it was folded: kept, shown, not applied).
 *
 * Assignments written before this version recorded no list; it is rebuilt from the master-list history
 * (project_revisions): the projects that were the officer's, and not withdrawn, when the file was written.
 */
function up(db: Database.Database): void {
  db.exec(`
    CREATE TABLE assignment_projects (
      officer_id TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      project_id TEXT NOT NULL REFERENCES projects(id),
      PRIMARY KEY (officer_id, sequence, project_id),
      FOREIGN KEY (officer_id, sequence) REFERENCES assignments(officer_id, sequence)
    ) STRICT;
    CREATE INDEX assignment_projects_project ON assignment_projects(project_id, officer_id, sequence);

    ALTER TABLE conflicts ADD COLUMN kind TEXT NOT NULL DEFAULT 'content' CHECK (kind IN ('content','illegal_step'));
  `);

  const revisions = db.prepare('SELECT project_id AS projectId, new_values AS newValues, changed_at AS changedAt FROM project_revisions ORDER BY id').all() as {
    projectId: string;
    newValues: string;
    changedAt: string;
  }[];
  const assignments = db
    .prepare('SELECT officer_id AS officerId, sequence, created_at AS createdAt FROM assignments ORDER BY created_at, officer_id, sequence')
    .all() as { officerId: string; sequence: number; createdAt: string }[];
  const insert = db.prepare('INSERT OR IGNORE INTO assignment_projects (officer_id, sequence, project_id) VALUES (?, ?, ?)');
  // Replays the history once, in time order: each assignment sees every revision made up to its moment.
  const state = new Map<string, { officerId: unknown; archivedAt: unknown }>();
  let next = 0;
  for (const a of assignments) {
    while (next < revisions.length && Date.parse(revisions[next]!.changedAt) <= Date.parse(a.createdAt)) {
      const r = revisions[next++]!;
      const values = JSON.parse(r.newValues) as Record<string, unknown>;
      const held = state.get(r.projectId) ?? { officerId: null, archivedAt: null };
      state.set(r.projectId, {
        officerId: 'officerId' in values ? values.officerId : held.officerId,
        archivedAt: 'archivedAt' in values ? values.archivedAt : held.archivedAt,
      });
    }
    for (const [projectId, p] of state) if (p.officerId === a.officerId && p.archivedAt === null) insert.run(a.officerId, a.sequence, projectId);
  }
}

export const bureauMigration003: Migration = { version: 3, name: 'assignment projects, conflict kinds', up };
