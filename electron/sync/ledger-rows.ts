import type { Officer } from '@shared/domain/index.js';
import { groupBy, investmentLedgerRows, problemLedgerRow, projectLedgerRow, visitLedgerRow } from '@shared/rules/index.js';
import { listProjectSummaries, reportingDay } from '../handlers/project-views.js';
import type { SqliteDatabase } from '../store/database.js';
import { listInvestmentEntries } from '../store/repositories/investment.js';
import { listProblemEvents, listProblems } from '../store/repositories/problems.js';
import { listVisits } from '../store/repositories/visits.js';
import type { LedgerCloseOffRow, LedgerData } from './ledger-workbook.js';
import { storeTimeZone } from '../store/time-zone.js';

/** The officer's whole ledger (not only this week's changes) as plain rows for the workbook (rows: shared/rules/ledger-rows.ts). */
export function ledgerDataFromStore(db: SqliteDatabase, now: Date, officer: Officer | null): LedgerData {
  const timeZone = storeTimeZone(db);
  const { today } = reportingDay(now, timeZone);
  const summaries = listProjectSummaries(db, now, true);
  const byId = new Map(summaries.map((p) => [p.id, p]));
  const projects = summaries.map((p) => projectLedgerRow(p, p.progress, p, officer?.name ?? ''));

  const photoSql = "SELECT owner_id AS id, count(*) AS n FROM attachments WHERE owner_kind = 'visit' GROUP BY owner_id";
  const photoRows = db.prepare(photoSql).all() as { id: string; n: number }[];
  const photoCounts = new Map(photoRows.map((r) => [r.id, r.n]));
  const visits = listVisits(db).map((v) => visitLedgerRow(v, byId.get(v.projectId), photoCounts.get(v.id) ?? 0));

  const closeOffs = db
    .prepare(
      `SELECT e.id, e.item_id AS itemId, p.code AS projectCode, p.name AS projectName, i.stage, i.title AS itemTitle, i.due_on AS dueOn,
         e.action, e.effective_on AS effectiveOn, e.note, e.recorded_by AS recordedBy, e.recorded_at AS recordedAt
       FROM checklist_events e JOIN checklist_items i ON i.id = e.item_id JOIN projects p ON p.id = i.project_id
       ORDER BY p.code, i.sort_order, e.recorded_at, e.id`,
    )
    .all() as LedgerCloseOffRow[];

  const eventsByProblem = groupBy(listProblemEvents(db), (e) => e.problemId);
  const problems = listProblems(db)
    .map((p) => problemLedgerRow(p, eventsByProblem.get(p.id) ?? [], byId.get(p.projectId), today))
    .sort((a, b) =>
      a.projectCode !== b.projectCode ? (a.projectCode < b.projectCode ? -1 : 1) : a.raisedOn < b.raisedOn ? -1 : a.raisedOn > b.raisedOn ? 1 : 0,
    );

  return { timeZone, projects, visits, closeOffs, problems, investment: investmentLedgerRows(listInvestmentEntries(db), byId) };
}
