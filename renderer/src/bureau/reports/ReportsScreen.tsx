import { Coming } from '../Coming';

/** 汇总与台账: the district ledger and the printable summary (issue 12, screen 6). */
export function ReportsScreen() {
  return <Coming screen="reports" />;
}
