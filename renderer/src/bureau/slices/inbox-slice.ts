import type { StateCreator } from 'zustand';
import type { BureauConflict } from '@shared/operations/bureau-inbox';
import type { BureauJobView } from '@shared/operations/bureau-jobs';
import { loadField, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
import type { PickedFile } from '../files';
import type { FileResult } from '../inbox/outcome';
import { runBureauJob } from '../jobs';
import type { BureauState } from '../store';

/**
 * 收件箱 (inbox): the packet files the clerk picked or dropped (handles), what folding them would do (the
 * preview, bureau.inbox.preview), the fold as a job with its progress, and its receipt; the conflicts the bureau
 * keeps. A fold's `changes` refresh the roll call and the other screens' views (bureau.ingest's entry).
 */
export interface InboxSlice {
  inboxFiles: PickedFile[];
  inboxPreview: FileResult[] | null;
  /** What the inbox is doing now, if anything. */
  inboxBusy: 'receiving' | 'previewing' | 'folding' | null;
  inboxError: unknown;
  inboxProgress: BureauJobView | null;
  /** The last fold's outcome per file and when the page got it (ISO). */
  inboxReceipt: { results: FileResult[]; at: string } | null;
  conflicts: BureauConflict[] | null;
  conflictsError: unknown;
  /** Adds files (a dialog's answer, or dropped files received first) and previews them all again. */
  addInboxFiles(pick: () => Promise<PickedFile[]>): Promise<void>;
  clearInbox(): void;
  foldInbox(): Promise<void>;
  loadConflicts(): Promise<void>;
}

export const inboxViews = {
  conflicts: { reads: ['exchange'], loaded: (s) => s.conflicts !== null, reload: (s) => s.loadConflicts() },
} satisfies Views<BureauState>;

const conflictsCounter = requestCounter();
const previewCounter = requestCounter();

export const createInboxSlice: StateCreator<BureauState, [], [], InboxSlice> = (set, get) => ({
  inboxFiles: [],
  inboxPreview: null,
  inboxBusy: null,
  inboxError: null,
  inboxProgress: null,
  inboxReceipt: null,
  conflicts: null,
  conflictsError: null,
  addInboxFiles: async (pick) => {
    set({ inboxBusy: 'receiving', inboxError: null });
    try {
      const picked = await pick();
      if (picked.length === 0) return;
      // The same file picked twice is one file.
      const files = [...get().inboxFiles, ...picked.filter((p) => !get().inboxFiles.some((f) => f.handle === p.handle))];
      set({ inboxFiles: files, inboxPreview: null, inboxReceipt: null, inboxBusy: 'previewing' });
      const latest = previewCounter();
      const preview = await callBureau('bureau.inbox.preview', { paths: files.map((f) => f.handle) });
      if (latest()) set({ inboxPreview: preview });
    } catch (error) {
      set({ inboxError: error });
    } finally {
      set({ inboxBusy: null });
    }
  },
  clearInbox: () => {
    previewCounter(); // a preview still on its way is not shown
    set({ inboxFiles: [], inboxPreview: null, inboxError: null, inboxProgress: null });
  },
  foldInbox: async () => {
    const files = get().inboxFiles;
    if (files.length === 0 || get().inboxBusy) return;
    set({ inboxBusy: 'folding', inboxError: null, inboxProgress: null });
    try {
      const results = await runBureauJob('bureau.ingest', { paths: files.map((f) => f.handle) }, (view) => set({ inboxProgress: view }));
      set({ inboxReceipt: { results, at: new Date().toISOString() }, inboxFiles: [], inboxPreview: null });
    } catch (error) {
      set({ inboxError: error });
    } finally {
      set({ inboxBusy: null });
    }
  },
  loadConflicts: () => loadField<InboxSlice, 'conflicts'>(set, conflictsCounter, 'conflicts', 'conflictsError', () => callBureau('bureau.inbox.conflicts', {})),
});
