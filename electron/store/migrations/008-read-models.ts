import type { Migration } from './types.js';

/**
 * Read models for district and city scale (issue 11). The home list, the problem ledger and the week view
 * used to load every problem with every step and fold them in JavaScript on each call. From this version:
 *
 * - `problem_status` keeps each problem's current status and department (the closed loop folded in (at, id)
 *   order), its project, due day and the time it last moved, so "open problems per project" and the ledger's
 *   filters, sort orders, counts and pages are indexed queries. Triggers keep it in step with every writer (the officer's forms, the assignment import, packets):
 *   a step that arrives in order is applied by the same transitions as shared/rules/problem-state.ts; a step
 *   that arrives out of order (a merged packet from the other side) marks the row NULL, "to be derived
 *   again", and the next read derives it with the rule itself (electron/store/read-models/problem-status.ts).
 *   Existing rows start NULL, so the first read after the upgrade derives them all once.
 * - Covering indexes for the per-project aggregates, the ledger's sort orders and the week's lists, so each read is a
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
      department TEXT,
      due_on TEXT,
      -- The latest step's time, or the problem's own when it has none: the ledger's default order.
      moved_at TEXT NOT NULL,
      last_at TEXT,
      last_id TEXT
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX problem_status_project ON problem_status(project_id, status);
    CREATE INDEX problem_status_status ON problem_status(status, due_on);
    CREATE INDEX problem_status_moved ON problem_status(moved_at, problem_id);
    CREATE INDEX problem_status_due ON problem_status(coalesce(due_on, '9999'), problem_id);
    CREATE INDEX problem_status_department ON problem_status(department);
    CREATE INDEX problem_status_stale ON problem_status(problem_id) WHERE status IS NULL;

    INSERT INTO problem_status (problem_id, project_id, status, department, due_on, moved_at)
      SELECT id, project_id, NULL, NULL, due_on, recorded_at FROM problems;

    CREATE TRIGGER problem_status_insert AFTER INSERT ON problems FOR EACH ROW BEGIN
      INSERT INTO problem_status (problem_id, project_id, status, department, due_on, moved_at)
      VALUES (NEW.id, NEW.project_id, CASE WHEN EXISTS (SELECT 1 FROM problem_events WHERE problem_id = NEW.id) THEN NULL ELSE 'raised' END,
        NEW.responsible_department, NEW.due_on, NEW.recorded_at)
      ON CONFLICT (problem_id) DO UPDATE SET project_id = excluded.project_id, due_on = excluded.due_on, status = NULL;
    END;
    -- The bureau may move, re-date or re-assign its own problems (assignment import): a new department
    -- is derived again (a dispatch may have replaced it), the rest is copied.
    CREATE TRIGGER problem_status_bureau_edit AFTER UPDATE OF project_id, due_on, responsible_department, recorded_at ON problems FOR EACH ROW BEGIN
      UPDATE problem_status SET project_id = NEW.project_id, due_on = NEW.due_on,
        status = CASE WHEN OLD.responsible_department IS NEW.responsible_department AND OLD.recorded_at IS NEW.recorded_at THEN status ELSE NULL END
      WHERE problem_id = NEW.id;
    END;
    CREATE TRIGGER problem_status_step AFTER INSERT ON problem_events FOR EACH ROW BEGIN
      UPDATE problem_status SET
        status = CASE WHEN status IS NOT NULL AND ${IN_ORDER} THEN ${TRANSITION} ELSE NULL END,
        department = CASE WHEN NEW.action = 'dispatch' AND status IN ('raised','dispatched') AND coalesce(NEW.department, '') <> ''
          THEN NEW.department ELSE department END,
        moved_at = CASE WHEN ${IN_ORDER} THEN NEW.at ELSE moved_at END,
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

    -- The week view: each list by the day it happened or the moment it was entered.
    CREATE INDEX visits_day ON visits(visited_on);
    CREATE INDEX visits_recorded ON visits(recorded_at);
    CREATE INDEX checklist_events_day ON checklist_events(effective_on);
    CREATE INDEX checklist_events_recorded ON checklist_events(recorded_at);
    CREATE INDEX problems_recorded ON problems(recorded_at);
    CREATE INDEX problem_events_at ON problem_events(at);
    CREATE INDEX problem_events_entered ON problem_events(coalesce(recorded_at, at));
    CREATE INDEX investment_entries_recorded ON investment_entries(recorded_at);
    CREATE INDEX milestone_reports_day ON milestone_reports(reached_on);
    CREATE INDEX milestone_reports_recorded ON milestone_reports(recorded_at);
    CREATE INDEX checklist_items_due ON checklist_items(due_on) WHERE withdrawn_at IS NULL;
  `,
};
