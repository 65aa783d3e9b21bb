import type { Migration } from './types.js';

/**
 * Per-project totals kept by triggers, so that the home list (electron/store/read-models/project-list.ts)
 * reads a row or a short index range per project instead of folding every problem, task and figure behind
 * it on each call (issue 11). Every writer goes through these triggers: the officer's forms, the assignment
 * import, packets. Existing rows are filled from the tables themselves.
 *
 * - `project_totals`: each project's open problems and last visit day. The count follows `problem_status`
 *   (migration 8), adding or taking away a problem as its row appears, changes project, moves into or out of
 *   `closed`, or goes. A row marked "to be derived" (status NULL) counts as open until
 *   refreshProblemStatus derives it, which every read of the list does first, so no NULL is left when the
 *   count is read. Visits are append-only, so the last day only grows.
 * - `checklist_task_state`: each task's project, due day, whether it is in force (not withdrawn) and
 *   whether it is closed off: its latest event in (recorded_at, id) order, the rule of
 *   shared/rules/checklist-state.ts, is a close-off. An event arriving out of that order (a merged packet)
 *   changes nothing, as it is not the latest. The partial index holds only the open tasks in force, so the
 *   overdue count is a range of it below today.
 * - `investment_current`: each project's current figure per month, its latest entry in (recorded_at, id)
 *   order (entries are append-only; a correction is a later entry).
 *
 * tests/integration/read-models.test.ts compares every figure of every project with the per-project rules
 * over all rows after each kind of write.
 */
const LATEST_EVENT = (column: string, item: string) =>
  `(SELECT e.${column} FROM checklist_events e WHERE e.item_id = ${item} ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1)`;

/** The task row of an item, with its latest event (none for a new item: events name an existing item). */
const TASK_ROW = (item: string) => `${item}.id, ${item}.project_id, ${item}.due_on, ${item}.withdrawn_at IS NULL,
      coalesce(${LATEST_EVENT('action', `${item}.id`)} = 'close_off', 0), ${LATEST_EVENT('recorded_at', `${item}.id`)}, ${LATEST_EVENT('id', `${item}.id`)}`;

/** Whether a problem_status row counts as open: anything but closed (NULL, not yet derived, included). */
const OPEN = (row: string) => `(${row}.status IS NOT 'closed')`;

const ADD_OPEN = (row: string) => `INSERT INTO project_totals (project_id, open_problems) VALUES (${row}.project_id, ${OPEN(row)})
      ON CONFLICT (project_id) DO UPDATE SET open_problems = open_problems + excluded.open_problems;`;
const TAKE_OPEN = (row: string) => `UPDATE project_totals SET open_problems = open_problems - ${OPEN(row)} WHERE project_id = ${row}.project_id;`;

export const migration009: Migration = {
  version: 9,
  name: 'read models: project totals, task state, current monthly figures',
  up: `
    CREATE TABLE project_totals (
      project_id TEXT PRIMARY KEY,
      open_problems INTEGER NOT NULL DEFAULT 0,
      last_visit_on TEXT
    ) STRICT, WITHOUT ROWID;
    INSERT INTO project_totals (project_id, open_problems)
      SELECT project_id, sum(${OPEN('problem_status')}) FROM problem_status GROUP BY project_id;
    INSERT INTO project_totals (project_id, last_visit_on)
      SELECT project_id, max(visited_on) FROM visits WHERE true GROUP BY project_id
      ON CONFLICT (project_id) DO UPDATE SET last_visit_on = excluded.last_visit_on;

    CREATE TRIGGER project_totals_problem_in AFTER INSERT ON problem_status FOR EACH ROW BEGIN
      ${ADD_OPEN('NEW')}
    END;
    CREATE TRIGGER project_totals_problem_out AFTER DELETE ON problem_status FOR EACH ROW BEGIN
      ${TAKE_OPEN('OLD')}
    END;
    CREATE TRIGGER project_totals_problem_moved AFTER UPDATE OF project_id, status ON problem_status FOR EACH ROW
      WHEN OLD.project_id IS NOT NEW.project_id OR ${OPEN('OLD')} <> ${OPEN('NEW')} BEGIN
      ${TAKE_OPEN('OLD')}
      ${ADD_OPEN('NEW')}
    END;
    CREATE TRIGGER project_totals_visit AFTER INSERT ON visits FOR EACH ROW BEGIN
      INSERT INTO project_totals (project_id, last_visit_on) VALUES (NEW.project_id, NEW.visited_on)
      ON CONFLICT (project_id) DO UPDATE SET last_visit_on = excluded.last_visit_on
      WHERE last_visit_on IS NULL OR excluded.last_visit_on > last_visit_on;
    END;

    CREATE TABLE checklist_task_state (
      item_id TEXT PRIMARY KEY REFERENCES checklist_items(id) ON DELETE CASCADE,
      project_id TEXT NOT NULL,
      due_on TEXT NOT NULL,
      in_force INTEGER NOT NULL,
      closed_off INTEGER NOT NULL,
      last_at TEXT,
      last_id TEXT
    ) STRICT, WITHOUT ROWID;
    -- in_force and closed_off in the index too: SQLite reads a partial index as covering only if it holds every column named.
    CREATE INDEX checklist_task_state_open ON checklist_task_state(project_id, due_on, in_force, closed_off) WHERE in_force AND NOT closed_off;
    INSERT INTO checklist_task_state (item_id, project_id, due_on, in_force, closed_off, last_at, last_id)
      SELECT ${TASK_ROW('i')} FROM checklist_items i;

    CREATE TRIGGER checklist_task_state_item AFTER INSERT ON checklist_items FOR EACH ROW BEGIN
      INSERT INTO checklist_task_state (item_id, project_id, due_on, in_force, closed_off, last_at, last_id) VALUES (${TASK_ROW('NEW')});
    END;
    -- The assignment import re-dates, moves or withdraws the bureau's tasks.
    CREATE TRIGGER checklist_task_state_item_edit AFTER UPDATE OF project_id, due_on, withdrawn_at ON checklist_items FOR EACH ROW BEGIN
      UPDATE checklist_task_state SET project_id = NEW.project_id, due_on = NEW.due_on, in_force = NEW.withdrawn_at IS NULL WHERE item_id = NEW.id;
    END;
    CREATE TRIGGER checklist_task_state_event AFTER INSERT ON checklist_events FOR EACH ROW BEGIN
      UPDATE checklist_task_state SET closed_off = NEW.action = 'close_off', last_at = NEW.recorded_at, last_id = NEW.id
      WHERE item_id = NEW.item_id AND (last_at IS NULL OR NEW.recorded_at > last_at OR (NEW.recorded_at = last_at AND NEW.id > last_id));
    END;

    CREATE TABLE investment_current (
      project_id TEXT NOT NULL,
      month TEXT NOT NULL,
      amount REAL NOT NULL,
      recorded_at TEXT NOT NULL,
      entry_id TEXT NOT NULL,
      PRIMARY KEY (project_id, month)
    ) STRICT, WITHOUT ROWID;
    -- The bare columns of a max() query come from the row holding the max: each month's latest entry.
    INSERT INTO investment_current (project_id, month, amount, recorded_at, entry_id)
      SELECT project_id, month, amount, recorded_at, id FROM (
        SELECT project_id, month, amount, recorded_at, id, max(recorded_at || char(0) || id) FROM investment_entries GROUP BY project_id, month);
    CREATE TRIGGER investment_current_entry AFTER INSERT ON investment_entries FOR EACH ROW BEGIN
      INSERT INTO investment_current (project_id, month, amount, recorded_at, entry_id)
      VALUES (NEW.project_id, NEW.month, NEW.amount, NEW.recorded_at, NEW.id)
      ON CONFLICT (project_id, month) DO UPDATE SET amount = excluded.amount, recorded_at = excluded.recorded_at, entry_id = excluded.entry_id
      WHERE excluded.recorded_at > recorded_at OR (excluded.recorded_at = recorded_at AND excluded.entry_id > entry_id);
    END;
  `,
};
