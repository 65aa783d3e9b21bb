import type { HandlerGroup } from '../../handlers/registry.js';
import { backupBureau } from '../backup.js';
import { bureauSettings } from '../desk-settings.js';
import { initBureau } from '../init.js';
import { restoreDesk } from '../restore.js';
import { refuseWhileJobRuns } from './jobs.js';
import { fileFrom, outputPath } from '../page-files.js';
import { bureauTimeZone } from '../time-zone.js';
import { localDay } from '@shared/rules/local-time.js';

/** The desk itself: setting it up, its settings, backing it up and restoring it. */
export const deskHandlers: HandlerGroup<'bureau.init' | 'bureau.settings.get' | 'bureau.settings.set' | 'bureau.backup' | 'bureau.restore'> = {
  'bureau.init': ({ name }, ctx) => initBureau(ctx.dbPath, { name, now: ctx.now }),
  'bureau.settings.get': (_input, ctx) => bureauSettings(ctx, {}),
  'bureau.settings.set': ({ timeZone }, ctx) => bureauSettings(ctx, { timeZone }),
  'bureau.backup': ({ out, folder }, ctx) =>
    backupBureau(ctx, outputPath(ctx, { out, folder }, `重点项目办备份-${localDay(ctx.now(), bureauTimeZone(ctx.db))}.sqlite`, '--out (the backup file)')),
  // The desk's connection is replaced with the restored database's, so a window goes on with the restored desk.
  'bureau.restore': ({ file }, ctx) => {
    refuseWhileJobRuns(ctx, 'a restore');
    return restoreDesk(ctx, fileFrom(ctx, file, 'file'));
  },
};
