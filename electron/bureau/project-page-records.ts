import type {
  Attachment,
  ChecklistEvent,
  ChecklistItem,
  InvestmentEntry,
  Milestone,
  MilestoneReport,
  Problem,
  ProblemEvent,
  Visit,
} from '@shared/domain/index.js';
import { entryOf, fromRow, recorderOf, selectList, type RecordKind } from '@shared/records/index.js';
import type { SqliteDatabase } from '../store/database.js';

/**
 * The records of one project as the bureau holds them, each kind in one indexed statement (the page makes the
 * same dozen statements for any project, however busy: no statement per milestone, item, visit or problem).
 * Child records are reached through their parent's project in a subquery, so every statement starts from an
 * index on project_id. Who recorded a folded record is the officer who signed its packet (recorders.ts), read in
 * the same statement rather than by a scan of the whole table.
 */

/** `FROM <table> t` with the record's columns and the signer's name, for the rows `where` picks (alias t). */
function readKind<T>(db: SqliteDatabase, kind: RecordKind, where: string, ...params: unknown[]): T[] {
  const sql = `SELECT ${selectList(kind, 'bureau', { alias: 't' })}, o.name AS "__signer" FROM ${entryOf(kind).table} t
    LEFT JOIN officers o ON o.id = t.officer_id ${where}`;
  const field = recorderOf(kind);
  return (db.prepare(sql).all(...params) as Record<string, unknown>[]).map(({ __signer, ...row }) => {
    const record = fromRow<Record<string, unknown>>(kind, row);
    return (field && typeof __signer === 'string' ? { ...record, [field]: __signer } : record) as T;
  });
}

/** The plan's own rows (no sender): milestones in force. */
function milestonesOf(db: SqliteDatabase, projectId: string): Milestone[] {
  const sql = `SELECT ${selectList('milestone', 'bureau')} FROM milestones WHERE project_id = ? AND withdrawn_at IS NULL ORDER BY sort_order, planned_on, id`;
  return (db.prepare(sql).all(projectId) as Record<string, unknown>[]).map((r) => fromRow<Milestone>('milestone', r));
}

export interface ProjectRecords {
  milestones: Milestone[];
  milestoneReports: MilestoneReport[];
  checklist: ChecklistItem[];
  checklistEvents: ChecklistEvent[];
  visits: Visit[];
  problems: Problem[];
  problemEvents: ProblemEvent[];
  investment: InvestmentEntry[];
  /** Photos of the visits and files of the close-offs, each with whether its file has arrived. */
  attachments: (Attachment & { fileStored: boolean })[];
}

/** Attachments of one owner kind whose owners are the rows `owners` selects (a subquery with one parameter, the project). */
function attachmentsOf(db: SqliteDatabase, ownerKind: Attachment['ownerKind'], owners: string, projectId: string) {
  const sql = `SELECT ${selectList('attachment', 'bureau')}, file_stored AS "__stored" FROM attachments
    WHERE owner_kind = ? AND owner_id IN (${owners}) ORDER BY recorded_at, id`;
  return (db.prepare(sql).all(ownerKind, projectId) as Record<string, unknown>[]).map(({ __stored, ...row }) => ({
    ...fromRow<Attachment>('attachment', row),
    fileStored: __stored === 1,
  }));
}

const ITEMS = 'SELECT id FROM checklist_items WHERE project_id = ?';
const EVENTS = `SELECT id FROM checklist_events WHERE item_id IN (${ITEMS})`;

/** Everything the bureau holds for the project `projectId`. */
export function readProjectRecords(db: SqliteDatabase, projectId: string): ProjectRecords {
  return {
    milestones: milestonesOf(db, projectId),
    milestoneReports: readKind(
      db,
      'milestone_report',
      'WHERE t.milestone_id IN (SELECT id FROM milestones WHERE project_id = ?) ORDER BY t.recorded_at, t.id',
      projectId,
    ),
    checklist: readKind(db, 'checklist_item', 'WHERE t.project_id = ? AND t.withdrawn_at IS NULL ORDER BY t.sort_order, t.due_on, t.id', projectId),
    checklistEvents: readKind(db, 'checklist_event', `WHERE t.item_id IN (${ITEMS}) ORDER BY t.recorded_at, t.id`, projectId),
    visits: readKind(db, 'visit', 'WHERE t.project_id = ? ORDER BY t.visited_on DESC, t.recorded_at DESC, t.id', projectId),
    problems: readKind(db, 'problem', 'WHERE t.project_id = ? ORDER BY t.raised_on DESC, t.recorded_at DESC, t.id', projectId),
    problemEvents: readKind(db, 'problem_event', 'WHERE t.problem_id IN (SELECT id FROM problems WHERE project_id = ?) ORDER BY t.at, t.id', projectId),
    investment: readKind(db, 'investment_entry', 'WHERE t.project_id = ? ORDER BY t.month, t.recorded_at, t.id', projectId),
    attachments: [
      ...attachmentsOf(db, 'visit', 'SELECT id FROM visits WHERE project_id = ?', projectId),
      ...attachmentsOf(db, 'checklist_event', EVENTS, projectId),
    ],
  };
}
