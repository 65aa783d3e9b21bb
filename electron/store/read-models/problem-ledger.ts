import type { LedgerQuery, LedgerSortKey } from '@shared/operations/ledger-page.js';
import type { Problem } from '@shared/domain/index.js';
import { selectList } from '@shared/records/index.js';
import type { SqliteDatabase } from '../database.js';
import { refreshProblemStatus } from './problem-status.js';

/**
 * The problem ledger's read model: filters, sort and page applied in SQL over `problem_status` (migration 8),
 * so a page costs an index walk to its offset plus `limit` rows, and the counts one covering scan. Text sorts
 * follow the code points (SQLite has no Chinese collation); the screen sorted with zh-CN before paging existed.
 */
const DONE = `('resolved','closed')`;
/** isOverdue (shared/rules/overdue.ts) in SQL: due day passed, neither resolved nor closed. */
const OVERDUE = `(s.due_on IS NOT NULL AND s.due_on < @today AND s.status NOT IN ${DONE})`;

const ORDER: Record<LedgerSortKey, string> = {
  status: `CASE s.status WHEN 'raised' THEN 0 WHEN 'dispatched' THEN 1 WHEN 'in_progress' THEN 2 WHEN 'resolved' THEN 3 ELSE 4 END`,
  category: 'p.category',
  description: 'p.description',
  project: 'pr.name',
  department: 's.department',
  leader: 'p.coordinating_leader',
  // No due day sorts last going up, as the screen always did.
  dueOn: `coalesce(s.due_on, '9999')`,
  lastMoved: 's.moved_at',
};

export interface LedgerRow extends Problem {
  status: string;
  department: string;
  projectName: string;
  overdue: number;
}

function where(q: LedgerQuery): { sql: string; params: Record<string, unknown> } {
  const terms: string[] = [];
  const params: Record<string, unknown> = {};
  const list = (column: string, name: string, values: readonly string[]) => {
    if (values.length === 0) return;
    terms.push(`${column} IN (${values.map((_, i) => `@${name}${i}`).join(',')})`);
    values.forEach((v, i) => (params[`${name}${i}`] = v));
  };
  list('s.status', 'status', q.statuses);
  list('p.category', 'category', q.categories);
  list('s.department', 'department', q.departments);
  list('s.project_id', 'project', q.projectIds);
  if (q.overdueOnly) terms.push(OVERDUE);
  const needle = q.search.trim().toLowerCase();
  if (needle !== '') {
    terms.push(`(instr(lower(p.description), @needle) > 0 OR instr(lower(pr.name), @needle) > 0)`);
    params.needle = needle;
  }
  return { sql: terms.length ? `WHERE ${terms.join(' AND ')}` : '', params };
}

const FROM = `FROM problem_status s JOIN problems p ON p.id = s.problem_id JOIN projects pr ON pr.id = s.project_id`;
const COLUMNS = `${selectList('problem', 'officer', { alias: 'p' })}, s.status, s.department, pr.name AS projectName, ${OVERDUE} AS overdue`;

/** The page's SQL, for the query-plan test as well as for use. */
export function ledgerPageSql(q: LedgerQuery): { sql: string; params: Record<string, unknown> } {
  const w = where(q);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  // The id breaks ties, so pages never overlap or skip a row.
  const sql = `SELECT ${COLUMNS} ${FROM} ${w.sql} ORDER BY ${ORDER[q.sort]} ${dir}, s.problem_id ${dir} LIMIT @limit OFFSET @offset`;
  return { sql, params: { ...w.params, limit: q.limit, offset: q.offset } };
}

export function ledgerCountsSql(): string {
  return `SELECT count(*) AS collected, coalesce(sum(s.status IN ${DONE}), 0) AS done, coalesce(sum(${OVERDUE}), 0) AS overdue FROM problem_status s`;
}

export function ledgerPage(db: SqliteDatabase, q: LedgerQuery, today: string) {
  refreshProblemStatus(db);
  const page = ledgerPageSql(q);
  const rows = db.prepare(page.sql).all({ ...page.params, today }) as LedgerRow[];
  const w = where(q);
  const total =
    w.sql === ''
      ? null
      : (db
          .prepare(`SELECT count(*) ${FROM} ${w.sql}`)
          .pluck()
          .get({ ...w.params, today }) as number);
  const counts = db.prepare(ledgerCountsSql()).get({ today }) as { collected: number; done: number; overdue: number };
  const departments = db.prepare(`SELECT DISTINCT department FROM problem_status WHERE department <> '' ORDER BY department`).pluck().all() as string[];
  const projects = db.prepare(`SELECT pr.id, pr.name FROM projects pr WHERE pr.id IN (SELECT project_id FROM problem_status) ORDER BY pr.name`).all() as {
    id: string;
    name: string;
  }[];
  return {
    rows,
    total: total ?? counts.collected,
    counts: { collected: counts.collected, done: counts.done, open: counts.collected - counts.done, overdue: counts.overdue },
    departments,
    projects,
  };
}
