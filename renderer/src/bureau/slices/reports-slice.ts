import type { StateCreator } from 'zustand';
import type { Language } from '@shared/domain';
import type { OperationOutput } from '@shared/operations';
import { loadField, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
import { chooseOutputFolder, outboxDownloadUrl } from '../files';
import { runBureauJob } from '../jobs';
import type { BureauState } from '../store';

type DistrictSummary = OperationOutput<'bureau.summary'>;
export type ReportKind = 'ledger' | 'summary';

/** A file exported in this session: what it is, for which month, where it went (a download link in the preview). */
export interface ExportedReport {
  kind: ReportKind;
  /** The file's name (the desktop's chosen folder or the preview's outbox holds it). */
  name: string;
  /** Where it was written, shown in the desktop app (the preview shows the download instead). */
  path: string;
  asOfMonth: string;
  bytes: number;
  /** When it was written (this browser's clock: it is listed for this session only). */
  at: string;
  /** The preview's download; null in the desktop app, where the file is in the folder chosen. */
  url: string | null;
}

/** What an export ended with, for the screen to say: written, the clerk cancelled the folder, or refused (nothing written). */
export type ExportOutcome = { kind: 'written'; report: ExportedReport } | { kind: 'cancelled' } | { kind: 'failed'; error: unknown };

/** 汇总与台账: the month the reports are for (the figures that say what each export holds), and what was exported this session. */
export interface ReportsSlice {
  /** The district summary of the chosen month: the period and the counts the screen describes each export with. */
  reportsSummary: DistrictSummary | null;
  reportsError: unknown;
  /** The month asked for; null: the desk's default (the last full month). */
  reportsMonth: string | null;
  /** The desk's default month, from the first answer: the latest the month picker offers (as on the overview). */
  reportsLatestMonth: string | null;
  /** The export running, with the ledger job's progress in percent. */
  exporting: { kind: ReportKind; percent: number } | null;
  exported: ExportedReport[];
  loadReports(asOfMonth?: string | null): Promise<void>;
  exportReport(kind: ReportKind, language: Language): Promise<ExportOutcome>;
}

export const reportsViews = {
  reports: { reads: ['project', 'problem', 'investment', 'visit', 'milestone', 'timeZone'], loaded: (s) => s.reportsSummary !== null, reload: (s) => s.loadReports() },
} satisfies Views<BureauState>;

const counter = requestCounter();
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export const createReportsSlice: StateCreator<BureauState, [], [], ReportsSlice> = (set, get) => ({
  reportsSummary: null,
  reportsError: null,
  reportsMonth: null,
  reportsLatestMonth: null,
  exporting: null,
  exported: [],
  loadReports: async (asOfMonth = get().reportsMonth) => {
    set({ reportsMonth: asOfMonth });
    await loadField<ReportsSlice, 'reportsSummary'>(set, counter, 'reportsSummary', 'reportsError', async () => {
      const summary = await callBureau('bureau.summary', asOfMonth ? { asOfMonth } : {});
      if (asOfMonth === null) set({ reportsLatestMonth: summary.asOfMonth });
      return summary;
    });
  },
  exportReport: async (kind, language) => {
    if (get().exporting) return { kind: 'cancelled' };
    const summary = get().reportsSummary;
    // The reports are for the month shown, counted to the same day as the figures on the screen.
    const dates = summary ? { asOfMonth: summary.asOfMonth, referenceDay: summary.referenceDay } : {};
    const where = await chooseOutputFolder();
    if (!where) return { kind: 'cancelled' };
    set({ exporting: { kind, percent: 0 } });
    try {
      const written =
        kind === 'ledger'
          ? await runBureauJob('bureau.exportLedger', { ...where, ...dates }, (view) => set({ exporting: { kind, percent: view.percent } }))
          : await callBureau('bureau.exportSummary', { ...where, ...dates, language });
      const report: ExportedReport = {
        kind,
        name: fileName(written.file),
        path: written.file,
        asOfMonth: written.asOfMonth,
        bytes: written.bytes,
        at: new Date().toISOString(),
        url: outboxDownloadUrl(written.file),
      };
      set({ exported: [report, ...get().exported] });
      return { kind: 'written', report };
    } catch (error) {
      return { kind: 'failed', error };
    } finally {
      set({ exporting: null });
    }
  },
});
