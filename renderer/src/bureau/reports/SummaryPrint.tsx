import type { Language } from '@shared/domain';
import { callBureau } from '../client';
import { useBureauT } from '../store';
import { ReportPrint } from './ReportPrint';

/** The district summary's print view: the page `bureau.exportSummary` writes, for the month and day on the screen. */
export function SummaryPrint({
  asOfMonth,
  referenceDay,
  language,
  onClose,
}: {
  asOfMonth: string;
  referenceDay: string;
  language: Language;
  onClose: () => void;
}) {
  const t = useBureauT();
  return (
    <ReportPrint
      title={t('bureauReports.print.title')}
      testId="summary-print"
      loadKey={`${asOfMonth} ${referenceDay} ${language}`}
      load={() => callBureau('bureau.summaryDocument', { asOfMonth, referenceDay, language })}
      onClose={onClose}
    />
  );
}
