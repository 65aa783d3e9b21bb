import { localDay } from '@shared/rules/local-time.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import { importMasterList } from '../import-master.js';
import { bureauTimeZone } from '../time-zone.js';
import { fileFrom } from '../page-files.js';

export const masterHandlers: HandlerGroup<'bureau.importMaster'> = {
  'bureau.importMaster': ({ file, year, dryRun, allowWithdrawMost }, ctx) =>
    importMasterList(ctx, fileFrom(ctx, file, 'file'), {
      // Rows without a plan year belong to this year in the district's time zone.
      defaultYear: year ?? Number(localDay(ctx.now(), bureauTimeZone(ctx.db)).slice(0, 4)),
      dryRun,
      allowWithdrawMost,
    }),
};
