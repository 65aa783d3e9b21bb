import { draftWeeklySummary, weeklyContext } from '../sync/weekly-report.js';
import { applyAssignment, previewAssignment } from '../sync/assignment-import.js';
import { ensureOfficerKey, pinBureauKey } from '../sync/keys.js';
import { conflictViews, exportHistory, syncStatus } from '../sync/status.js';
import { refuseDemoExport } from '../sync/demo-guard.js';
import { exportWeeklyPacket } from '../sync/weekly-export.js';
import { readSetting } from '../store/repositories/settings.js';
import { Officer } from '@shared/domain/index.js';
import { ensureOutbox, resolveHandle } from '../files/file-handles.js';
import type { HandlerGroup } from './registry.js';

/** The sync screen's operations: the same functions the CLI calls (electron/cli/officer-commands.ts). */
export const syncHandlers: HandlerGroup<
  | 'sync.status'
  | 'sync.trustBureauKey'
  | 'sync.previewAssignment'
  | 'sync.applyAssignment'
  | 'sync.draftSummary'
  | 'sync.exportPacket'
  | 'sync.exportHistory'
  | 'sync.conflicts'
  | 'sync.officerKey'
> = {
  'sync.status': (_input, ctx) => syncStatus(ctx.db),
  'sync.trustBureauKey': ({ keyPem, confirmReplaceFingerprint }, ctx) => pinBureauKey(ctx.db, keyPem, ctx.now(), { confirmReplaceFingerprint }),
  // Files and folders arrive as handles (file-handles.ts); the page never names a path.
  'sync.previewAssignment': ({ file }, ctx) => previewAssignment(ctx, resolveHandle(ctx, file, 'file')),
  'sync.applyAssignment': ({ file, allowWithdrawMost }, ctx) =>
    applyAssignment(ctx, resolveHandle(ctx, file, 'file'), { allowWithdrawMost, onProgress: ctx.onProgress }),
  'sync.draftSummary': (_input, ctx) => {
    const { stats } = weeklyContext(ctx.db, ctx.now());
    return { summary: draftWeeklySummary(stats, readSetting(ctx.db, 'officer', Officer)?.name), stats };
  },
  'sync.exportPacket': ({ folder, summary }, ctx) => {
    refuseDemoExport(ctx.db); // before the outbox is made
    return exportWeeklyPacket(ctx, { outDir: folder ? resolveHandle(ctx, folder, 'folder') : ensureOutbox(ctx), summary, onProgress: ctx.onProgress });
  },
  'sync.exportHistory': (_input, ctx) => exportHistory(ctx.db),
  'sync.conflicts': (_input, ctx) => conflictViews(ctx.db),
  'sync.officerKey': (_input, ctx) => {
    const key = ensureOfficerKey(ctx.db, ctx.now());
    return { fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem };
  },
};
