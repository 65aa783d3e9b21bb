import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LedgerQuery, type LedgerSortKey } from '@shared/operations/index.js';
import { ledgerCountsSql, ledgerPageSql } from '../../electron/store/read-models/problem-ledger.js';
import { PROJECT_LIST_SQL } from '../../electron/store/read-models/project-list.js';
import { WEEK_SQL } from '../../electron/store/read-models/week.js';
import { seedLargePortfolio } from '../bench/large-portfolio.js';
import { FIXED_NOW, openTempStore, type TempStore } from '../helpers/temp-store.js';

/**
 * Each read model's main query uses the index it was built for (issue 11): `EXPLAIN QUERY PLAN` is read and
 * the named index must appear, while the large tables (problems, problem events, visits, checklist events,
 * investment entries, the change log) are never scanned whole. A dropped or renamed index, or a query
 * rewritten so SQLite can no longer use it, fails here instead of silently slowing the screen down.
 */
let store: TempStore;
beforeAll(() => {
  store = openTempStore();
  // A few hundred rows so the planner faces a realistic shape; the plans do not depend on sqlite_stat1.
  seedLargePortfolio(store.db, { projects: 30, problems: 300, visits: 300, now: FIXED_NOW });
});
afterAll(() => store.close());

const PARAMS = { today: '2026-11-24', throughMonth: '2026-10' };

function plan(sql: string, params: Record<string, unknown>): string[] {
  return (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
}

/**
 * No full scan of anything but the projects (`projectsAlias`, a few thousand rows at most, read whole on
 * purpose), except the walk of an index in ORDER BY order named in `allowIndexWalk`.
 */
function expectNoScan(lines: string[], projectsAlias: string, allowIndexWalk: readonly string[] = []): void {
  for (const line of lines) {
    const m = /^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?/.exec(line);
    if (!m || m[1] === projectsAlias || (m[2] && allowIndexWalk.includes(m[2]))) continue;
    expect(line, lines.join('\n')).toBe('no scan');
  }
}

describe('query plans of the read models', () => {
  it('the home list: one pass over projects, a row of its totals and a SEARCH on each kept read model', () => {
    for (const archived of [false, true]) {
      const lines = plan(PROJECT_LIST_SQL(archived), PARAMS);
      const text = lines.join('\n');
      // Open problems and the last visit: one row per project, kept by triggers (migration 9).
      expect(text).toMatch(/SEARCH t USING PRIMARY KEY \(project_id=\?\) LEFT-JOIN/);
      // Overdue tasks: a range of the open tasks in force below today, read from the partial index alone.
      expect(text).toMatch(/SEARCH c USING COVERING INDEX checklist_task_state_open \(project_id=\? AND due_on<\?\)/);
      // The current monthly figures of the plan year through the measured month, for the total and its first month.
      expect(lines.filter((l) => /^SEARCH f USING PRIMARY KEY \(project_id=\? AND month>\? AND month<\?\)/.test(l))).toHaveLength(2);
      // None of the tables behind the totals is read, nothing is sorted, and only the projects are scanned.
      expect(text).not.toMatch(/problem_status|checklist_items|checklist_events|investment_entries|visits|TEMP B-TREE/);
      expect(lines.filter((l) => l.startsWith('SCAN'))).toEqual([expect.stringMatching(/^SCAN p\b/)]);
    }
  });

  it('the ledger page: the default order and the due-day order walk their index, no sort of the whole ledger', () => {
    const walks: Partial<Record<LedgerSortKey, string>> = { lastMoved: 'problem_status_moved', dueOn: 'problem_status_due' };
    for (const [sort, index] of Object.entries(walks)) {
      for (const order of ['asc', 'desc'] as const) {
        const page = ledgerPageSql(LedgerQuery.parse({ sort, order, offset: 200, limit: 100 }));
        const lines = plan(page.sql, { ...page.params, ...PARAMS });
        const text = lines.join('\n');
        expect(text).toMatch(new RegExp(`SCAN s USING INDEX ${index}`));
        expect(text).toMatch(/SEARCH p USING INDEX sqlite_autoindex_problems_1 \(id=\?\)/);
        expect(text).not.toMatch(/TEMP B-TREE FOR ORDER BY/);
        expectNoScan(lines, 'pr', [index]);
      }
    }
  });

  it('the ledger filters: status and project are SEARCHes on problem_status, never a scan of problems', () => {
    for (const q of [
      { statuses: ['raised', 'dispatched'] },
      { projectIds: ['00000000-0000-4000-8000-000000010001'] },
      { overdueOnly: true, statuses: ['in_progress'] },
    ]) {
      const page = ledgerPageSql(LedgerQuery.parse(q));
      const lines = plan(page.sql, { ...page.params, ...PARAMS });
      expect(lines.join('\n')).toMatch(/SEARCH s USING (COVERING )?INDEX problem_status_(status|project) \((status|project_id)=\?/);
      expectNoScan(lines, 'pr');
    }
  });

  it('the ledger counts read one covering index, not the problems', () => {
    const lines = plan(ledgerCountsSql(), PARAMS);
    expect(lines.join('\n')).toMatch(/SCAN s USING COVERING INDEX problem_status_status/);
    expectNoScan(lines, 'pr', ['problem_status_status']);
  });

  it('the week view: each list a SEARCH on its index by date or project', () => {
    for (const [name, sql] of Object.entries(WEEK_SQL)) {
      const lines = plan(sql, { from: '2026-11-23', to: '2026-11-29', lo: '2026-11-21T16:00:00.000Z', hi: '2026-11-30T16:00:00.000Z', until: '2026-12-06' });
      expect(lines.join('\n'), name).toMatch(/SEARCH \w+ USING (COVERING )?INDEX/);
      expectNoScan(lines, 'p');
    }
  });

  it('the weekly packet reads the change log by sequence, not by scanning it', () => {
    const lines = plan(
      'SELECT seq, entity, record_id AS recordId, recorded_at AS recordedAt, payload FROM change_log WHERE seq > @after ORDER BY seq LIMIT @n',
      { after: 10, n: 100 },
    );
    expect(lines.join('\n')).toMatch(/SEARCH change_log USING INTEGER PRIMARY KEY \(rowid>\?\)/);
  });
});
