import type { BureauProjectPage } from '@shared/operations/bureau-project.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import type { BureauContext } from '../context.js';
import { bureauLightThresholds, compactLights, districtLights } from '../lights.js';
import { projectPage } from '../project-page.js';
import type { SummaryOptions } from '../summary.js';
import { bureauTimeZone } from '../time-zone.js';

/**
 * The page with the project's traffic lights, lit from the records the page already read (its investment,
 * milestones with their reports, problems with their steps) by the same function as the project table's
 * rows, so the page and its row never disagree.
 */
function pageWithLights(ctx: BureauContext, codeOrId: string, dates: SummaryOptions): BureauProjectPage {
  const page = projectPage(ctx, codeOrId, dates);
  const project = page.project;
  const lights = districtLights(
    {
      asOfMonth: page.asOfMonth,
      referenceDay: page.referenceDay,
      timeZone: bureauTimeZone(ctx.db),
      projects: [project],
      investment: page.investment,
      milestones: page.milestones,
      milestoneReports: page.milestones.flatMap((m) => m.reports),
      problems: page.problems,
      problemEvents: page.problems.flatMap((p) => p.events),
    },
    bureauLightThresholds(ctx),
  ).get(project.id);
  return { ...page, lights: lights ? compactLights(lights) : null };
}

/** The bureau's project page (项目页): one project with everything received for it, in one answer (shared/operations/bureau-project.ts). */
export const projectPageHandlers: HandlerGroup<'bureau.projects.get'> = {
  'bureau.projects.get': ({ project, ...dates }, ctx) => pageWithLights(ctx, project, dates),
};
