import type { LedgerPage, ProblemView } from '@shared/operations/index.js';

/** Every row of the problem ledger, page by page, as a test that checks the whole ledger needs it. */
export async function wholeLedger(fetchPage: (input: { offset: number; limit: number }) => Promise<unknown>): Promise<ProblemView[]> {
  const rows: ProblemView[] = [];
  for (;;) {
    const page = (await fetchPage({ offset: rows.length, limit: 1000 })) as LedgerPage;
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) return rows;
  }
}

/** How a row of each ledger sheet is told apart, so the district's ledger and an officer's can be matched row for row. */
export const LEDGER_ROW_KEY: Record<string, (row: Record<string, unknown>) => string> = {
  项目进度: (r) => String(r['项目ID']),
  走访记录: (r) => String(r['记录ID']),
  销号记录: (r) => String(r['记录ID']),
  问题台账: (r) => String(r['问题ID']),
  月度投资: (r) => `${String(r['项目编号'])}:${String(r['月份'])}`,
};
