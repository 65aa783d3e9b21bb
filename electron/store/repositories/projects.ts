import type { Milestone, MilestoneReport, Project } from '@shared/domain/index.js';
import { fromRow, selectList, selectSql, toParams, upsertSql } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';
import { writeLogged } from './change-log.js';

/** A projects row: the bureau's figure is two columns, both set or both null. */
export type ProjectRow = Omit<Project, 'bureauCompleted'> & { bureauCompletedMonth: string | null; bureauCompletedAmount: number | null };

export function projectFromRow(row: ProjectRow): Project {
  return fromRow<Project>('project', row as unknown as Record<string, unknown>);
}

export function listProjects(db: SqliteDatabase, includeArchived = false): Project[] {
  const where = includeArchived ? '' : 'WHERE archived_at IS NULL';
  return (db.prepare(selectSql('project', 'officer', `${where} ORDER BY code`)).all() as ProjectRow[]).map(projectFromRow);
}

export function getProject(db: SqliteDatabase, id: string): Project | undefined {
  const row = db.prepare(selectSql('project', 'officer', 'WHERE id = ?')).get(id) as ProjectRow | undefined;
  return row ? projectFromRow(row) : undefined;
}

/** Writes the bureau-owned fields of a project (assignment import, demo seed). */
export function upsertProject(db: SqliteDatabase, p: Project): void {
  db.prepare(upsertSql('project', 'officer')).run(toParams('project', p));
}

export function listMilestones(db: SqliteDatabase, projectId: string): Milestone[] {
  return db.prepare(selectSql('milestone', 'officer', 'WHERE project_id = ? ORDER BY sort_order, planned_on')).all(projectId) as Milestone[];
}

/** Writes the plan of a milestone; whether it is withdrawn is the assignment import's to say. */
export function upsertMilestone(db: SqliteDatabase, m: Milestone): void {
  db.prepare(upsertSql('milestone', 'officer')).run(m);
}

export function listMilestoneReports(db: SqliteDatabase, projectId: string): MilestoneReport[] {
  return db
    .prepare(
      `SELECT ${selectList('milestone_report', 'officer', { alias: 'r' })}
       FROM milestone_reports r JOIN milestones m ON m.id = r.milestone_id WHERE m.project_id = ? ORDER BY r.recorded_at, r.id`,
    )
    .all(projectId) as MilestoneReport[];
}

/** Officer-owned: a milestone reached. Logged for the weekly packet. */
export function insertMilestoneReport(db: SqliteDatabase, r: MilestoneReport): void {
  writeLogged(db, 'milestone_report', r, r.recordedAt);
}
