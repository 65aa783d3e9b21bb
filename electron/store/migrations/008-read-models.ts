import type { Migration } from './types.js';

/**
 * Read models for district and city scale (issue 11). The home list, the problem ledger and the week view
 * used to load every problem with every step and fold them in JavaScript on each call. From this version:
 *
 * - `problem_status` keeps each problem's current status (the closed loop folded in (at, id) order) beside
 *   its project, so "open problems per project" and the ledger's status filter and counts are one indexed
 *   query. Triggers keep it in step with every writer (the officer's forms, the assignment import, packets):
 *   a step that arrives in order is applied by the same transitions as shared/rules/problem-state.ts; a step
 *   that arrives out of order (a merged packet from the other side) marks the row NULL, "to be derived
 *   again", and the next read derives it with the rule itself (electron/store/read-models/problem-status.ts).
 *   Existing rows start NULL, so the first read after the upgrade derives them all once.
 * - Covering indexes for the per-project aggregates and the ledger's sort orders, so each read is a
 *   `SEARCH … USING INDEX` rather than a scan (tests/integration/query-plans.test.ts checks the plans).
 */
const TRANSITION = `CASE NEW.action
      WHEN 'note' THEN status
      WHEN 'dispatch' THEN CASE WHEN status IN ('raised','dispatched') THEN 'dispatched' ELSE status END
      WHEN 'coordinate' THEN CASE WHEN status IN ('dispatched','in_progress') THEN 'in_progress' ELSE status END
      WHEN 'resolve' THEN CASE WHEN status IN ('dispatched','in_progress') THEN 'resolved' ELSE status END
      WHEN 'verify_close' THEN CASE WHEN status = 'resolved' THEN 'closed' ELSE status END
      WHEN 'reopen' THEN CASE WHEN status IN ('resolved','closed') THEN 'in_progress' ELSE status END
      ELSE NULL END`;
/** The new step comes after every step applied so far in the merged (at, id) order. */
const IN_ORDER = `(last_at IS NULL OR NEW.at > last_at OR (NEW.at = last_at AND NEW.id > last_id))`;

export const migration008: Migration = {
  version: 8,
  name: 'read models: problem status, covering indexes',
  up: `
    CREATE TABLE problem_status (
      problem_id TEXT PRIMARY KEY REFERENCES problems(id) ON DELETE CASCADE,
      project_id TEXT NOT NULL,
      status TEXT CHECK (status IN ('raised','dispatched','in_progress','resolved','closed')),
      last_at TEXT,
      last_id TEXT
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX problem_status_project ON problem_status(project_id, status);
    CREATE INDEX problem_status_status ON problem_status(status, project_id);

    INSERT INTO problem_status (problem_id, project_id, status) SELECT id, project_id, NULL FROM problems;

    CREATE TRIGGER problem_status_insert AFTER INSERT ON problems FOR EACH ROW BEGIN
      INSERT INTO problem_status (problem_id, project_id, status)
      VALUES (NEW.id, NEW.project_id, CASE WHEN EXISTS (SELECT 1 FROM problem_events WHERE problem_id = NEW.id) THEN NULL ELSE 'raised' END)
      ON CONFLICT (problem_id) DO UPDATE SET project_id = excluded.project_id, status = NULL;
    END;
    CREATE TRIGGER problem_status_move AFTER UPDATE OF project_id ON problems FOR EACH ROW BEGIN
      UPDATE problem_status SET project_id = NEW.project_id WHERE problem_id = NEW.id;
    END;
    CREATE TRIGGER problem_status_step AFTER INSERT ON problem_events FOR EACH ROW BEGIN
      UPDATE problem_status SET
        status = CASE WHEN status IS NOT NULL AND ${IN_ORDER} THEN ${TRANSITION} ELSE NULL END,
        last_at = CASE WHEN ${IN_ORDER} THEN NEW.at ELSE last_at END,
        last_id = CASE WHEN ${IN_ORDER} THEN NEW.id ELSE last_id END
      WHERE problem_id = NEW.problem_id;
    END;

    CREATE INDEX problems_project_raised ON problems(project_id, raised_on, recorded_at);
    CREATE INDEX problems_raised ON problems(raised_on, recorded_at);
    CREATE INDEX problem_events_order ON problem_events(problem_id, at, id);
    CREATE INDEX checklist_items_open_due ON checklist_items(project_id, due_on) WHERE withdrawn_at IS NULL;
    CREATE INDEX checklist_events_latest ON checklist_events(item_id, recorded_at, id, action);
    CREATE INDEX investment_entries_latest ON investment_entries(project_id, month, recorded_at, id, amount);
  `,
};
