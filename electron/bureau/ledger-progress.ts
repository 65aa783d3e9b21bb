import type { LedgerData } from '../sync/ledger-workbook.js';

/** How many rows the ledger's writer streams between two progress reports. */
const ROWS_PER_REPORT = 200;

/**
 * The ledger's rows as the workbook writer streams them, counted: every ROWS_PER_REPORT rows (and at the last)
 * the export's job hears how far the writing is ('write', rows done of all rows). The arrays stay arrays (the
 * writer also reads their length and first row); only their iteration reports.
 */
export function reportingRows(data: LedgerData, report: (p: { phase: 'write'; done: number; total: number }) => void): LedgerData {
  const total = data.projects.length + data.visits.length + data.closeOffs.length + data.problems.length + data.investment.length;
  let done = 0;
  const counted = <T>(rows: readonly T[]): T[] => {
    const copy = [...rows];
    Object.defineProperty(copy, Symbol.iterator, {
      value: function* () {
        for (const row of rows) {
          yield row;
          done++;
          if (done % ROWS_PER_REPORT === 0 || done === total) report({ phase: 'write', done, total });
        }
      },
    });
    return copy;
  };
  const { projects, visits, closeOffs, problems, investment } = data;
  return {
    ...data,
    projects: counted(projects),
    visits: counted(visits),
    closeOffs: counted(closeOffs),
    problems: counted(problems),
    investment: counted(investment),
  };
}
