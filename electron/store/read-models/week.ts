/**
 * The week view's read model (week.overview, and the weekly packet's summary): each list is one statement
 * bounded by the week, answered from an index on the day it happened or the moment it was entered (migration
 * 8), never a scan of the whole history. Rows are then checked exactly by local day in the service. Named
 * parameters: @from/@to the week's days, @lo/@hi a generous UTC range around it, @until the end of next week.
 */
const PROJECT_REF = 'p.id AS projectId, p.code AS projectCode, p.name AS projectName';

export const WEEK_SQL = {
  visits: `SELECT ${PROJECT_REF}, v.id, v.visited_on AS "on", v.kind, v.participants, v.summary, v.findings, v.follow_ups AS followUps,
      v.recorded_at AS recordedAt, v.recorded_by AS recordedBy
    FROM visits v JOIN projects p ON p.id = v.project_id
    WHERE v.visited_on BETWEEN @from AND @to OR (v.recorded_at >= @lo AND v.recorded_at < @hi)`,
  checklist: `SELECT ${PROJECT_REF}, e.id, e.item_id AS itemId, i.title AS itemTitle, i.stage, e.action, e.effective_on AS "on", e.note,
      e.recorded_at AS recordedAt, e.recorded_by AS recordedBy
    FROM checklist_events e JOIN checklist_items i ON i.id = e.item_id JOIN projects p ON p.id = i.project_id
    WHERE e.effective_on BETWEEN @from AND @to OR (e.recorded_at >= @lo AND e.recorded_at < @hi)`,
  problemsRaised: `SELECT ${PROJECT_REF}, q.id, q.category, q.description, q.responsible_department AS responsibleDepartment, q.due_on AS dueOn,
      q.raised_on AS "on", q.recorded_at AS recordedAt, q.raised_by AS recordedBy
    FROM problems q JOIN projects p ON p.id = q.project_id
    WHERE q.origin = 'officer' AND (q.raised_on BETWEEN @from AND @to OR (q.recorded_at >= @lo AND q.recorded_at < @hi))`,
  problemSteps: `SELECT ${PROJECT_REF}, e.id, e.problem_id AS problemId, q.category, q.description, q.responsible_department AS responsibleDepartment,
      e.action, e.at, coalesce(e.recorded_at, e.at) AS recordedAt, e.by, e.note, e.department, e.resolution
    FROM problem_events e JOIN problems q ON q.id = e.problem_id JOIN projects p ON p.id = q.project_id
    WHERE e.origin = 'officer' AND (e.at >= @lo AND e.at < @hi OR coalesce(e.recorded_at, e.at) >= @lo AND coalesce(e.recorded_at, e.at) < @hi)`,
  investment: `SELECT ${PROJECT_REF}, e.id, e.month, e.amount, e.recorded_at AS recordedAt, e.recorded_by AS recordedBy,
      (SELECT x.amount FROM investment_entries x WHERE x.project_id = e.project_id AND x.month = e.month
         AND (x.recorded_at < e.recorded_at OR (x.recorded_at = e.recorded_at AND x.id < e.id))
       ORDER BY x.recorded_at DESC, x.id DESC LIMIT 1) AS previousAmount
    FROM investment_entries e JOIN projects p ON p.id = e.project_id
    WHERE e.recorded_at >= @lo AND e.recorded_at < @hi`,
  milestones: `SELECT ${PROJECT_REF}, r.id, r.milestone_id AS milestoneId, m.title AS milestoneTitle, m.kind, m.planned_on AS plannedOn,
      r.reached_on AS "on", r.note, r.recorded_at AS recordedAt, r.recorded_by AS recordedBy
    FROM milestone_reports r JOIN milestones m ON m.id = r.milestone_id JOIN projects p ON p.id = m.project_id
    WHERE r.reached_on BETWEEN @from AND @to OR (r.recorded_at >= @lo AND r.recorded_at < @hi)`,
  /** Open checklist items of current projects due by @until; open = the latest event (by entry) is not a close-off. */
  dueChecklist: `SELECT ${PROJECT_REF}, i.id AS itemId, i.title, i.stage, i.due_on AS dueOn
    FROM checklist_items i JOIN projects p ON p.id = i.project_id
    WHERE p.archived_at IS NULL AND i.withdrawn_at IS NULL AND i.due_on <= @until
      AND coalesce((SELECT e.action FROM checklist_events e WHERE e.item_id = i.id ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1), 'reopen') = 'reopen'`,
  /** Problems of current projects due by @until still waiting for someone to act (problem_status: not resolved or closed). */
  dueProblems: `SELECT ${PROJECT_REF}, q.id AS problemId, q.category, q.description, q.responsible_department AS responsibleDepartment, q.due_on AS dueOn,
      s.status, s.department AS currentDepartment
    FROM problem_status s JOIN problems q ON q.id = s.problem_id JOIN projects p ON p.id = s.project_id
    WHERE s.status IN ('raised','dispatched','in_progress') AND s.due_on <= @until AND p.archived_at IS NULL`,
} as const;
