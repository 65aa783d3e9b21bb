import type { StateCreator } from 'zustand';
import type { OperationOutput } from '@shared/operations';
import { PROJECT_RECORDS } from '@shared/operations/define';
import type { JobView } from '@shared/operations/jobs';
import type { AssignmentPreview } from '@shared/operations/sync';
import { ApiError, call } from '../../api/client';
import { receiveFile } from '../../api/files';
import { runJob } from '../../api/jobs';
import type { DeskState } from '../index';
import { loadView, requestCounter, type Views } from '../views';

export type SyncStep = 'key' | 'preview' | 'apply' | 'export';
/** Pinning the bureau's key: pinned, or a different key is pinned already and the officer must confirm the new one. */
export type KeyPinning = { pinned: OperationOutput<'sync.trustBureauKey'> } | { replaces: { previous: string; next: string } };

/**
 * 文件交换: the officer's end of the file exchange. The status, history and conflicts are a view like any other;
 * the rest is the screen's work in progress (the assignment previewed, the summary typed, the packet written),
 * started afresh each time the screen opens (openSync).
 */
export interface SyncSlice {
  syncStatus: OperationOutput<'sync.status'> | null;
  exportHistory: OperationOutput<'sync.exportHistory'>;
  conflicts: OperationOutput<'sync.conflicts'>;
  fileLocations: OperationOutput<'files.locations'> | null;
  /** The last refusal or failure of a step (or of loading), said in the user's language by the screen. */
  syncError: unknown;
  /** The step under way: its button shows it. */
  syncBusy: SyncStep | null;
  /** The long job under way (export or apply), run in a worker on the store's side: its phase and percent. */
  syncJob: JobView | null;
  /** The assignment chosen (its handle) and what importing it would change. */
  assignmentPreview: { file: string; result: AssignmentPreview } | null;
  allowWithdrawMost: boolean;
  /** The week's summary for the packet: the store's draft until the officer edits it. */
  packetSummary: string | null;
  /** The folder chosen in the desktop's dialog (a handle and its name); none: the outbox. */
  exportFolder: { handle: string; name: string } | null;
  exported: OperationOutput<'sync.exportPacket'> | null;
  /** The screen opens: its work in progress starts empty, the status and the draft summary are loaded. */
  openSync(): Promise<void>;
  loadSync(): Promise<void>;
  /** Previews an uploaded assignment (preview) or one chosen in the desktop's dialog (no file). */
  previewAssignment(upload?: File): Promise<void>;
  cancelPreview(): void;
  setAllowWithdrawMost(allow: boolean): void;
  /** Applies the previewed assignment as a job; answers its result, or undefined when refused (syncError says why). */
  applyAssignment(): Promise<OperationOutput<'sync.applyAssignment'> | undefined>;
  setPacketSummary(summary: string): void;
  chooseExportFolder(): Promise<void>;
  exportPacket(): Promise<void>;
  /**
   * Pins the bureau's key. A different key already pinned is never replaced silently: the operation refuses
   * (conflict/bureau_key_replace) and this answers both fingerprints for the screen to confirm; undefined: refused.
   */
  trustBureauKey(keyPem: string, confirmReplaceFingerprint?: string): Promise<KeyPinning | undefined>;
}

/** Every officer write is a change waiting to be exported: the status reads all of a project's records. */
export const syncViews = {
  sync: { reads: [...PROJECT_RECORDS, 'officer', 'exchange'], loaded: (s) => s.syncStatus !== null, reload: (s) => s.loadSync() },
} satisfies Views;

const syncRequest = requestCounter();

export const createSyncSlice: StateCreator<DeskState, [], [], SyncSlice> = (set, get) => {
  /** Runs one step: busy while it runs, a refusal kept for the screen, never losing what was typed. */
  async function step<T>(kind: SyncStep, work: () => Promise<T>): Promise<T | undefined> {
    set({ syncBusy: kind, syncError: null });
    try {
      return await work();
    } catch (error) {
      set({ syncError: error });
      return undefined;
    } finally {
      set({ syncBusy: null, syncJob: null });
    }
  }
  const onProgress = (syncJob: JobView) => set({ syncJob });

  return {
    syncStatus: null,
    exportHistory: [],
    conflicts: [],
    fileLocations: null,
    syncError: null,
    syncBusy: null,
    syncJob: null,
    assignmentPreview: null,
    allowWithdrawMost: false,
    packetSummary: null,
    exportFolder: null,
    exported: null,
    async openSync() {
      set({ syncError: null, assignmentPreview: null, allowWithdrawMost: false, packetSummary: null, exportFolder: null, exported: null });
      const draft = call('sync.draftSummary', {}).then(
        (d) => set((s) => ({ packetSummary: s.packetSummary ?? d.summary })),
        (error: unknown) => set({ syncError: error }),
      );
      await Promise.all([get().loadSync(), draft]);
    },
    loadSync: () =>
      loadView(
        syncRequest,
        () => Promise.all([call('sync.status', {}), call('sync.exportHistory', {}), call('sync.conflicts', {}), call('files.locations', {})]),
        ([syncStatus, exportHistory, conflicts, fileLocations]) => set({ syncStatus, exportHistory, conflicts, fileLocations }),
        (syncError) => set({ syncError }),
      ),
    previewAssignment: (upload) =>
      step('preview', async () => {
        const file = upload ? (await receiveFile(upload)).handle : (await call('files.choose', { purpose: 'assignment' }))?.handle;
        if (!file) return; // the dialog was cancelled
        set({ assignmentPreview: null, allowWithdrawMost: false });
        set({ assignmentPreview: { file, result: await call('sync.previewAssignment', { file }) } });
      }),
    cancelPreview: () => set({ assignmentPreview: null }),
    setAllowWithdrawMost: (allowWithdrawMost) => set({ allowWithdrawMost }),
    applyAssignment: () =>
      step('apply', async () => {
        const { assignmentPreview, allowWithdrawMost } = get();
        if (!assignmentPreview) return undefined;
        const result = await runJob('sync.applyAssignment', { file: assignmentPreview.file, allowWithdrawMost }, onProgress);
        set({ assignmentPreview: null });
        return result;
      }),
    setPacketSummary: (packetSummary) => set({ packetSummary }),
    chooseExportFolder: () =>
      step('export', async () => {
        const chosen = await call('files.choose', { purpose: 'exportFolder' });
        if (chosen) set({ exportFolder: chosen });
      }),
    exportPacket: () =>
      step('export', async () => {
        set({ exported: null });
        const { exportFolder, packetSummary } = get();
        set({ exported: await runJob('sync.exportPacket', { folder: exportFolder?.handle, summary: packetSummary ?? undefined }, onProgress) });
      }),
    async trustBureauKey(keyPem, confirmReplaceFingerprint) {
      let replaces: { previous: string; next: string } | undefined;
      const pinned = await step('key', async () => {
        try {
          return await call('sync.trustBureauKey', { keyPem, confirmReplaceFingerprint });
        } catch (error) {
          const params =
            error instanceof ApiError && error.shape.code === 'conflict' && error.shape.params.reason === 'bureau_key_replace' ? error.shape.params : null;
          if (!params || confirmReplaceFingerprint) throw error;
          replaces = { previous: String(params.previousFingerprint), next: String(params.fingerprint) };
          return undefined;
        }
      });
      return pinned ? { pinned } : replaces ? { replaces } : undefined;
    },
  };
};
