import { draftWeeklySummary, weeklyContext } from '../sync/weekly-report.js';
import { applyAssignment, previewAssignment } from '../sync/assignment-import.js';
import { ensureOfficerKey, pinBureauKey } from '../sync/keys.js';
import { conflictViews, exportHistory, syncStatus } from '../sync/status.js';
import { exportWeeklyPacket } from '../sync/weekly-export.js';
import { readSetting } from '../store/repositories/settings.js';
import { Officer } from '../../shared/domain/index.js';
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
  'sync.trustBureauKey': ({ keyPem }, ctx) => pinBureauKey(ctx.db, keyPem, ctx.now()),
  'sync.previewAssignment': ({ filePath }, ctx) => previewAssignment(ctx, filePath),
  'sync.applyAssignment': ({ filePath, allowWithdrawMost }, ctx) => applyAssignment(ctx, filePath, { allowWithdrawMost }),
  'sync.draftSummary': (_input, ctx) => {
    const { stats } = weeklyContext(ctx.db, ctx.now());
    return { summary: draftWeeklySummary(stats, readSetting(ctx.db, 'officer', Officer)?.name), stats };
  },
  'sync.exportPacket': ({ outDir, summary }, ctx) => exportWeeklyPacket(ctx, { outDir, summary }),
  'sync.exportHistory': (_input, ctx) => exportHistory(ctx.db),
  'sync.conflicts': (_input, ctx) => conflictViews(ctx.db),
  'sync.officerKey': (_input, ctx) => {
    const key = ensureOfficerKey(ctx.db, ctx.now());
    return { fingerprint: key.fingerprint, publicKeyPem: key.publicKeyPem };
  },
};
