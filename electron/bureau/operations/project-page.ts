import type { HandlerGroup } from '../../handlers/registry.js';
import { projectPage } from '../project-page.js';

/** The bureau's project page (项目页): one project with everything received for it, in one answer (shared/operations/bureau-project.ts). */
export const projectPageHandlers: HandlerGroup<'bureau.projects.get'> = {
  'bureau.projects.get': ({ project, ...dates }, ctx) => projectPage(ctx, project, dates),
};
