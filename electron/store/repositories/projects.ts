import type { BureauCompleted, Milestone, MilestoneReport, Project } from '@shared/domain/index.js';
import type { SqliteDatabase } from '../database.js';
import { recordChange } from './change-log.js';

const PROJECT_COLUMNS = `id, code, name, company, level, industry, stage, sponsoring_leader AS sponsoringLeader,
  sponsoring_unit AS sponsoringUnit, officer_id AS officerId, plan_year AS planYear,
  annual_planned_investment AS annualPlannedInvestment, total_investment AS totalInvestment, location,
  archived_at AS archivedAt, bureau_completed_month AS bureauCompletedMonth, bureau_completed_amount AS bureauCompletedAmount`;

/** A projects row: the bureau's figure is two columns, both set or both null. */
export type ProjectRow = Omit<Project, 'bureauCompleted'> & { bureauCompletedMonth: string | null; bureauCompletedAmount: number | null };

export function projectFromRow({ bureauCompletedMonth, bureauCompletedAmount, ...p }: ProjectRow): Project {
  const bureauCompleted: BureauCompleted | null =
    bureauCompletedMonth !== null && bureauCompletedAmount !== null ? { throughMonth: bureauCompletedMonth, amount: bureauCompletedAmount } : null;
  return { ...p, bureauCompleted };
}

/** The named parameters of a project for the projects table. */
export function projectParams({ bureauCompleted, ...p }: Omit<Project, 'archivedAt'> & { archivedAt?: string | null }) {
  return { archivedAt: null, ...p, bureauCompletedMonth: bureauCompleted?.throughMonth ?? null, bureauCompletedAmount: bureauCompleted?.amount ?? null };
}

export function listProjects(db: SqliteDatabase, includeArchived = false): Project[] {
  const where = includeArchived ? '' : 'WHERE archived_at IS NULL';
  return (db.prepare(`SELECT ${PROJECT_COLUMNS} FROM projects ${where} ORDER BY code`).all() as ProjectRow[]).map(projectFromRow);
}

export function getProject(db: SqliteDatabase, id: string): Project | undefined {
  const row = db.prepare(`SELECT ${PROJECT_COLUMNS} FROM projects WHERE id = ?`).get(id) as ProjectRow | undefined;
  return row ? projectFromRow(row) : undefined;
}

/** Writes the bureau-owned fields of a project (assignment import, demo seed). */
export function upsertProject(db: SqliteDatabase, p: Project): void {
  db.prepare(
    `INSERT INTO projects (id, code, name, company, level, industry, stage, sponsoring_leader, sponsoring_unit, officer_id,
       plan_year, annual_planned_investment, total_investment, location, archived_at, bureau_completed_month, bureau_completed_amount)
     VALUES (@id, @code, @name, @company, @level, @industry, @stage, @sponsoringLeader, @sponsoringUnit, @officerId,
       @planYear, @annualPlannedInvestment, @totalInvestment, @location, @archivedAt, @bureauCompletedMonth, @bureauCompletedAmount)
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, company = excluded.company,
       level = excluded.level, industry = excluded.industry, stage = excluded.stage,
       sponsoring_leader = excluded.sponsoring_leader, sponsoring_unit = excluded.sponsoring_unit,
       officer_id = excluded.officer_id, plan_year = excluded.plan_year,
       annual_planned_investment = excluded.annual_planned_investment, total_investment = excluded.total_investment,
       location = excluded.location, archived_at = excluded.archived_at,
       bureau_completed_month = excluded.bureau_completed_month, bureau_completed_amount = excluded.bureau_completed_amount`,
  ).run(projectParams(p));
}

const MILESTONE_COLUMNS = 'id, project_id AS projectId, kind, title, planned_on AS plannedOn, sort_order AS sortOrder';

export function listMilestones(db: SqliteDatabase, projectId: string): Milestone[] {
  return db.prepare(`SELECT ${MILESTONE_COLUMNS} FROM milestones WHERE project_id = ? ORDER BY sort_order, planned_on`).all(projectId) as Milestone[];
}

export function upsertMilestone(db: SqliteDatabase, m: Milestone): void {
  db.prepare(
    `INSERT INTO milestones (id, project_id, kind, title, planned_on, sort_order) VALUES (@id, @projectId, @kind, @title, @plannedOn, @sortOrder)
     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, title = excluded.title, planned_on = excluded.planned_on, sort_order = excluded.sort_order`,
  ).run(m);
}

export function listMilestoneReports(db: SqliteDatabase, projectId: string): MilestoneReport[] {
  return db
    .prepare(
      `SELECT r.id, r.milestone_id AS milestoneId, r.reached_on AS reachedOn, r.note, r.recorded_at AS recordedAt, r.recorded_by AS recordedBy
       FROM milestone_reports r JOIN milestones m ON m.id = r.milestone_id WHERE m.project_id = ? ORDER BY r.recorded_at, r.id`,
    )
    .all(projectId) as MilestoneReport[];
}

/** Officer-owned: a milestone reached. Logged for the weekly packet. */
export function insertMilestoneReport(db: SqliteDatabase, r: MilestoneReport): void {
  // The record and its outbox row are one transaction (a savepoint inside a caller's).
  db.transaction(() => {
    db.prepare(
      `INSERT INTO milestone_reports (id, milestone_id, reached_on, note, recorded_at, recorded_by)
       VALUES (@id, @milestoneId, @reachedOn, @note, @recordedAt, @recordedBy)`,
    ).run(r);
    recordChange(db, 'milestone_report', r, r.recordedAt);
  })();
}
