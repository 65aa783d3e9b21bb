import type { ProblemEvent } from '../../shared/domain/index.js';
import type { ReminderItem, Reminders } from '../../shared/operations/reminders.js';
import { deriveProblemState, isProblemOpen, localDay, reminderDays, reminderHorizon, reminderUrgency } from '../../shared/rules/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { listProblemEvents } from '../store/repositories/problems.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from './time-zone.js';

type Row = Omit<ReminderItem, 'urgency' | 'days'>;

const PROJECT_REF = 'p.id AS projectId, p.code AS projectCode, p.name AS projectName';

/** Checklist tasks of current projects, not withdrawn, whose latest event (by entry) is not a close-off. */
function checklistRows(db: SqliteDatabase, until: string): Row[] {
  return db
    .prepare(
      `SELECT 'checklist' AS kind, i.id, ${PROJECT_REF}, i.title, i.due_on AS dueOn
       FROM checklist_items i JOIN projects p ON p.id = i.project_id
       WHERE p.archived_at IS NULL AND i.withdrawn_at IS NULL AND i.due_on <= ?
         AND coalesce((SELECT e.action FROM checklist_events e WHERE e.item_id = i.id ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1), 'reopen') = 'reopen'`,
    )
    .all(until) as Row[];
}

/** Milestones of current projects, not withdrawn, that no report says were reached. */
function milestoneRows(db: SqliteDatabase, until: string): Row[] {
  return db
    .prepare(
      `SELECT 'milestone' AS kind, m.id, ${PROJECT_REF}, m.title, m.planned_on AS dueOn
       FROM milestones m JOIN projects p ON p.id = m.project_id
       WHERE p.archived_at IS NULL AND m.withdrawn_at IS NULL AND m.planned_on <= ?
         AND NOT EXISTS (SELECT 1 FROM milestone_reports r WHERE r.milestone_id = m.id)`,
    )
    .all(until) as Row[];
}

/** Problems of current projects with a due day that still wait for someone to act (not resolved or closed). */
function problemRows(db: SqliteDatabase, until: string): Row[] {
  const rows = db
    .prepare(
      `SELECT 'problem' AS kind, q.id, ${PROJECT_REF}, q.description AS title, q.due_on AS dueOn, q.responsible_department AS department
       FROM problems q JOIN projects p ON p.id = q.project_id
       WHERE p.archived_at IS NULL AND q.due_on IS NOT NULL AND q.due_on <= ?`,
    )
    .all(until) as (Row & { department: string })[];
  // Events grouped once: filtering the whole list per problem was quadratic (4 s at 20,000 problems).
  const byProblem = new Map<string, ProblemEvent[]>();
  // Many problems: one scan of all events rather than an IN list past SQLite's limit on bound variables.
  const ids = new Set(rows.map((r) => r.id));
  const events = ids.size > 900 ? listProblemEvents(db).filter((e) => ids.has(e.problemId)) : listProblemEvents(db, [...ids]);
  for (const e of events) {
    const list = byProblem.get(e.problemId);
    if (list) list.push(e);
    else byProblem.set(e.problemId, [e]);
  }
  return rows
    .filter((r) => {
      const status = deriveProblemState(r.department, byProblem.get(r.id) ?? []).status;
      return isProblemOpen(status) && status !== 'resolved';
    })
    .map(({ department: _, ...r }) => r);
}

/** What is overdue and what falls due in the next three days, on the district's calendar at `now`. */
export function dueReminders(db: SqliteDatabase, now: Date): Reminders {
  const today = localDay(now, storeTimeZone(db));
  const until = reminderHorizon(today);
  const overdue: ReminderItem[] = [];
  const dueSoon: ReminderItem[] = [];
  for (const row of [...checklistRows(db, until), ...milestoneRows(db, until), ...problemRows(db, until)]) {
    const urgency = reminderUrgency(row.dueOn, today);
    if (urgency === null) continue;
    (urgency === 'overdue' ? overdue : dueSoon).push({ ...row, urgency, days: reminderDays(row.dueOn, today) });
  }
  const byDue = (a: ReminderItem, b: ReminderItem) => (a.dueOn !== b.dueOn ? (a.dueOn < b.dueOn ? -1 : 1) : a.projectCode.localeCompare(b.projectCode) || a.title.localeCompare(b.title));
  return { today, until, overdue: overdue.sort(byDue), dueSoon: dueSoon.sort(byDue) };
}

export const reminderHandlers: HandlerGroup<'reminders.due'> = {
  'reminders.due': (_input, ctx) => dueReminders(ctx.db, ctx.now()),
};
