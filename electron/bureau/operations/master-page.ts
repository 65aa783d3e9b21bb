import { localDay } from '@shared/rules/local-time.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import type { BureauContext } from '../context.js';
import { assignChosen, assignees } from '../master-assign.js';
import { previewMasterList } from '../master-preview.js';
import { masterTemplateName, writeMasterTemplate } from '../master-template.js';
import { fileFrom, outputPath } from '../page-files.js';
import { bureauTimeZone } from '../time-zone.js';

/** This year in the district's time zone: the plan year of rows without one, and the template's. */
const districtYear = (ctx: BureauContext) => Number(localDay(ctx.now(), bureauTimeZone(ctx.db)).slice(0, 4));

/** 项目清单与任务下发: the preview of an import, the blank list, the assignments table and the assignments written (shared/operations/bureau-master.ts). */
export const masterPageHandlers: HandlerGroup<'bureau.master.preview' | 'bureau.master.template' | 'bureau.master.assignees' | 'bureau.master.assign'> = {
  'bureau.master.preview': ({ file, year }, ctx) => previewMasterList(ctx, fileFrom(ctx, file, 'file'), year ?? districtYear(ctx)),
  'bureau.master.template': ({ out, folder, year }, ctx) => {
    const planYear = year ?? districtYear(ctx);
    return writeMasterTemplate(outputPath(ctx, { out, folder }, masterTemplateName(planYear), '--out (the template file)'), planYear);
  },
  'bureau.master.assignees': (_input, ctx) => assignees(ctx),
  'bureau.master.assign': ({ out, folder, officers, note }, ctx) =>
    assignChosen(ctx, () => outputPath(ctx, { out, folder }, null, '--out (the folder for the assignments)'), officers, note),
};
