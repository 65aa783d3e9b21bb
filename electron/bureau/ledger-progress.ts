import type { LedgerRows, LedgerSource } from '../sync/ledger-workbook.js';

/** How many rows the ledger's writer streams between two progress reports. */
const ROWS_PER_REPORT = 200;

/**
 * The ledger's rows as the workbook writer streams them, counted: every ROWS_PER_REPORT rows (and at the last)
 * the export's job hears how far the writing is ('write', rows done of all rows). The rows are not copied
 * (the long sheets' are made one at a time as they are written); the projects stay an array (the writer
 * reads the first one's month), only its iteration reports.
 */
export function reportingRows(data: LedgerSource, report: (p: { phase: 'write'; done: number; total: number }) => void): LedgerSource {
  const total = data.projects.length + data.visits.length + data.closeOffs.length + data.problems.length + data.investment.length;
  let done = 0;
  function* counting<T>(rows: Iterable<T>): Generator<T> {
    for (const row of rows) {
      yield row;
      done++;
      if (done % ROWS_PER_REPORT === 0 || done === total) report({ phase: 'write', done, total });
    }
  }
  const counted = <T>(rows: LedgerRows<T>): LedgerRows<T> => ({ length: rows.length, [Symbol.iterator]: () => counting(rows) });
  const { projects, visits, closeOffs, problems, investment } = data;
  const countedProjects = [...projects];
  Object.defineProperty(countedProjects, Symbol.iterator, { value: () => counting(projects) });
  return {
    ...data,
    projects: countedProjects,
    visits: counted(visits),
    closeOffs: counted(closeOffs),
    problems: counted(problems),
    investment: counted(investment),
  };
}
