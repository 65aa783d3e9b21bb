import type { ReminderItem, Reminders } from '@shared/operations/reminders.js';
import { localDay, reminderDays, reminderHorizon, reminderUrgency } from '@shared/rules/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { refreshProblemStatus } from '../store/read-models/problem-status.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from '../store/time-zone.js';

type Row = Omit<ReminderItem, 'urgency' | 'days'>;

const PROJECT_REF = 'p.id AS projectId, p.code AS projectCode, p.name AS projectName';

/** Open work of current projects due by `?`, one query per kind. */
const DUE_SQL = [
  // Checklist tasks not withdrawn whose latest event (by entry) is not a close-off.
  `SELECT 'checklist' AS kind, i.id, ${PROJECT_REF}, i.title, i.due_on AS dueOn
   FROM checklist_items i JOIN projects p ON p.id = i.project_id
   WHERE p.archived_at IS NULL AND i.withdrawn_at IS NULL AND i.due_on <= ?
     AND coalesce((SELECT e.action FROM checklist_events e WHERE e.item_id = i.id ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1), 'reopen') = 'reopen'`,
  // Milestones not withdrawn that no report says were reached.
  `SELECT 'milestone' AS kind, m.id, ${PROJECT_REF}, m.title, m.planned_on AS dueOn
   FROM milestones m JOIN projects p ON p.id = m.project_id
   WHERE p.archived_at IS NULL AND m.withdrawn_at IS NULL AND m.planned_on <= ?
     AND NOT EXISTS (SELECT 1 FROM milestone_reports r WHERE r.milestone_id = m.id)`,
  // Problems with a due day that still wait for someone to act (not resolved or closed), from the
  // `problem_status` read model (migration 8) that the week view and the ledger read: one indexed query, where
  // deriving every problem's state from its steps took 0.3–4 s at 20,000 problems on each start of the window.
  `SELECT 'problem' AS kind, q.id, ${PROJECT_REF}, q.description AS title, q.due_on AS dueOn
   FROM problem_status s JOIN problems q ON q.id = s.problem_id JOIN projects p ON p.id = s.project_id
   WHERE s.status IN ('raised','dispatched','in_progress') AND s.due_on IS NOT NULL AND s.due_on <= ? AND p.archived_at IS NULL`,
];

/** What is overdue and what falls due in the next three days, on the district's calendar at `now`. */
export function dueReminders(db: SqliteDatabase, now: Date): Reminders {
  const today = localDay(now, storeTimeZone(db));
  const until = reminderHorizon(today);
  refreshProblemStatus(db); // usually nothing to do: steps that arrived out of order are derived by the rule
  const overdue: ReminderItem[] = [];
  const dueSoon: ReminderItem[] = [];
  for (const row of DUE_SQL.flatMap((sql) => db.prepare(sql).all(until) as Row[])) {
    const urgency = reminderUrgency(row.dueOn, today);
    if (urgency === null) continue;
    (urgency === 'overdue' ? overdue : dueSoon).push({ ...row, urgency, days: reminderDays(row.dueOn, today) });
  }
  const byDue = (a: ReminderItem, b: ReminderItem) =>
    a.dueOn !== b.dueOn ? (a.dueOn < b.dueOn ? -1 : 1) : a.projectCode.localeCompare(b.projectCode) || a.title.localeCompare(b.title);
  return { today, until, overdue: overdue.sort(byDue), dueSoon: dueSoon.sort(byDue) };
}

export const reminderHandlers: HandlerGroup<'reminders.due'> = { 'reminders.due': (_input, ctx) => dueReminders(ctx.db, ctx.now()) };
