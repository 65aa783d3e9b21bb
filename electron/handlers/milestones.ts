import type { Milestone, MilestoneReport } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { getProject, insertMilestoneReport, listMilestoneReports } from '../store/repositories/projects.js';
import { newId } from '../store/ids.js';
import { laterThan } from './investment.js';
import { currentOfficerName } from './problems.js';
import { assertProjectOpen } from './project-open.js';
import { reportingDay } from './project-views.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from '../store/time-zone.js';

export const milestoneHandlers: HandlerGroup<'milestones.report'> = {
  'milestones.report': ({ milestoneId, reachedOn, note }, ctx) => {
    const row = ctx.db
      .prepare(
        'SELECT id, project_id AS projectId, kind, title, planned_on AS plannedOn, sort_order AS sortOrder, withdrawn_at AS withdrawnAt FROM milestones WHERE id = ?',
      )
      .get(milestoneId) as (Milestone & { withdrawnAt: string | null }) | undefined;
    if (!row) throw new AppError('not_found', `milestone ${milestoneId} not found`, { what: 'milestone', id: milestoneId });
    const { withdrawnAt, ...milestone } = row;
    const project = getProject(ctx.db, milestone.projectId);
    if (project) assertProjectOpen(project);
    if (withdrawnAt !== null) {
      throw new AppError('invalid_input', `milestone ${milestoneId} was withdrawn by the bureau`, { reason: 'milestone_withdrawn', id: milestoneId });
    }
    const now = ctx.now();
    if (reachedOn > reportingDay(now, storeTimeZone(ctx.db)).today) {
      throw new AppError('invalid_input', `reachedOn: ${reachedOn} is in the future`, { path: 'reachedOn' }, [{ path: 'reachedOn', message: 'in the future' }]);
    }
    const earlier = listMilestoneReports(ctx.db, milestone.projectId).filter((r) => r.milestoneId === milestoneId);
    const report: MilestoneReport = {
      id: newId(),
      milestoneId,
      reachedOn,
      note,
      // A correction sorts after the report it corrects (the latest report is the date), even on a slow clock.
      recordedAt: laterThan(now, earlier.at(-1)?.recordedAt),
      recordedBy: currentOfficerName(ctx.db),
    };
    insertMilestoneReport(ctx.db, report);
    const reports = [...earlier, report];
    return { ...milestone, reports, reachedOn: reports.at(-1)?.reachedOn ?? null };
  },
};
