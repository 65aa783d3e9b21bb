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
