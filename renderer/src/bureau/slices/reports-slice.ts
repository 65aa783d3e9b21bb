import type { StateCreator } from 'zustand';
import type { Language } from '@shared/domain';
import type { OperationOutput } from '@shared/operations';
import { loadField, loadView, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
import { chooseOutputFolder, outboxDownloadUrl } from '../files';
import { runBureauJob } from '../jobs';
import type { BureauState } from '../store';
import { bulletinShown, draftLanguage, withEdit, withoutEdit, type BulletinDraft, type BulletinEdits } from '../reports/bulletin-edits';

type DistrictSummary = OperationOutput<'bureau.summary'>;
type SponsorRanking = OperationOutput<'bureau.ranking'>;
export type ReportKind = 'ledger' | 'summary' | 'bulletin';

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
  /** The month's drafted bulletin (in the language of its edits, if any, else the screen's) and its ranking. */
  bulletinDraft: BulletinDraft | null;
  ranking: SponsorRanking | null;
  bulletinError: unknown;
  /** The clerk's edits of the bulletin by as-of month (reports/bulletin-edits.ts): kept until restored. */
  bulletinEdits: BulletinEdits;
  loadReports(asOfMonth?: string | null): Promise<void>;
  exportReport(kind: Exclude<ReportKind, 'bulletin'>, language: Language): Promise<ExportOutcome>;
  /** The draft and the ranking of the month shown, for the screen's language (a language switch asks again). */
  loadBulletin(): Promise<void>;
  editBulletin(index: number, text: string): void;
  /** Drops the month's edits: the draft as drafted, in the screen's language. */
  restoreBulletin(): Promise<void>;
  exportBulletin(format: 'html' | 'xlsx'): Promise<ExportOutcome>;
}

export const reportsViews = {
  reports: {
    reads: ['project', 'problem', 'investment', 'visit', 'milestone', 'timeZone'],
    loaded: (s) => s.reportsSummary !== null,
    reload: (s) => s.loadReports(),
  },
} satisfies Views<BureauState>;

const counter = requestCounter();
const bulletinCounter = requestCounter();
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export const createReportsSlice: StateCreator<BureauState, [], [], ReportsSlice> = (set, get) => {
  /** Runs one export (`exporting` set meanwhile) and lists the file it wrote; a refusal is an outcome, not a throw. */
  const written = async (kind: ReportKind, write: () => Promise<{ file: string; bytes: number; asOfMonth: string }>): Promise<ExportOutcome> => {
    set({ exporting: { kind, percent: 0 } });
    try {
      const file = await write();
      const report: ExportedReport = {
        kind,
        name: fileName(file.file),
        path: file.file,
        asOfMonth: file.asOfMonth,
        bytes: file.bytes,
        at: new Date().toISOString(),
        url: outboxDownloadUrl(file.file),
      };
      set({ exported: [report, ...get().exported] });
      return { kind: 'written', report };
    } catch (error) {
      return { kind: 'failed', error };
    } finally {
      set({ exporting: null });
    }
  };
  return {
    reportsSummary: null,
    reportsError: null,
    reportsMonth: null,
    reportsLatestMonth: null,
    exporting: null,
    exported: [],
    bulletinDraft: null,
    ranking: null,
    bulletinError: null,
    bulletinEdits: {},
    loadReports: async (asOfMonth = get().reportsMonth) => {
      set({ reportsMonth: asOfMonth });
      await loadField<ReportsSlice, 'reportsSummary'>(set, counter, 'reportsSummary', 'reportsError', async () => {
        const summary = await callBureau('bureau.summary', asOfMonth ? { asOfMonth } : {});
        if (asOfMonth === null) set({ reportsLatestMonth: summary.asOfMonth });
        return summary;
      });
      // The bulletin follows the figures: a new month, or new packets folded (the view's reload), drafts it again.
      if (get().reportsSummary) await get().loadBulletin();
    },
    loadBulletin: async () => {
      const summary = get().reportsSummary;
      if (!summary) return;
      // The month and the day of the figures on the screen, so the draft and the ranking say what the cards say.
      const dates = { asOfMonth: summary.asOfMonth, referenceDay: summary.referenceDay };
      const language = draftLanguage(get().bulletinEdits, summary.asOfMonth, get().language);
      await loadView(
        bulletinCounter,
        () => Promise.all([callBureau('bureau.bulletin.draft', { ...dates, language }), callBureau('bureau.ranking', dates)]),
        ([bulletinDraft, ranking]) => set({ bulletinDraft, ranking, bulletinError: null }),
        (bulletinError) => set({ bulletinError }),
      );
    },
    editBulletin: (index, text) => {
      const draft = get().bulletinDraft;
      if (draft) set({ bulletinEdits: withEdit(get().bulletinEdits, draft, index, text) });
    },
    restoreBulletin: async () => {
      const draft = get().bulletinDraft;
      if (!draft) return;
      set({ bulletinEdits: withoutEdit(get().bulletinEdits, draft.asOfMonth) });
      await get().loadBulletin();
    },
    exportReport: async (kind, language) => {
      if (get().exporting) return { kind: 'cancelled' };
      const summary = get().reportsSummary;
      // The reports are for the month shown, counted to the same day as the figures on the screen.
      const dates = summary ? { asOfMonth: summary.asOfMonth, referenceDay: summary.referenceDay } : {};
      const where = await chooseOutputFolder();
      if (!where) return { kind: 'cancelled' };
      return written(kind, () =>
        kind === 'ledger'
          ? runBureauJob('bureau.exportLedger', { ...where, ...dates }, (view) => set({ exporting: { kind, percent: view.percent } }))
          : callBureau('bureau.exportSummary', { ...where, ...dates, language }),
      );
    },
    exportBulletin: async (format) => {
      const draft = get().bulletinDraft;
      if (get().exporting || !draft) return { kind: 'cancelled' };
      const where = await chooseOutputFolder();
      if (!where) return { kind: 'cancelled' };
      // What the card shows is what is written: the edited paragraphs in their draft's language, for the draft's dates.
      const shown = bulletinShown(get().bulletinEdits, draft);
      const input = { ...where, format, asOfMonth: draft.asOfMonth, referenceDay: draft.referenceDay, paragraphs: shown.paragraphs };
      return written('bulletin', () => callBureau('bureau.bulletin.export', { ...input, language: shown.language === 'en' ? 'en' : 'zh-CN' }));
    },
  };
};
