import { AppError } from '@shared/errors.js';
import { groupBy, isProblemOpen, latestEntry } from '@shared/rules/index.js';
import { listInvestmentEntries } from '../store/repositories/investment.js';
import { getProject, listMilestoneReports, listMilestones } from '../store/repositories/projects.js';
import { listProblemEvents, listProblems } from '../store/repositories/problems.js';
import { listAttachments, listVisits } from '../store/repositories/visits.js';
import { checklistViews, listProjectSummaries, problemViews, reportingDay, summarize } from './project-views.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from '../store/time-zone.js';

export const projectHandlers: HandlerGroup<'projects.list' | 'projects.get'> = {
  'projects.list': ({ includeArchived }, ctx) => listProjectSummaries(ctx.db, ctx.now(), includeArchived),

  'projects.get': ({ projectId }, ctx) => {
    const { db } = ctx;
    const project = getProject(db, projectId);
    if (!project) throw new AppError('not_found', `project ${projectId} not found`, { what: 'project', id: projectId });
    const { today, asOfMonth } = reportingDay(ctx.now(), storeTimeZone(ctx.db));
    const problemRows = listProblems(db, projectId);
    const problems = problemViews(
      problemRows,
      listProblemEvents(
        db,
        problemRows.map((p) => p.id),
      ),
      new Map([[project.id, project.name]]),
      today,
    );
    const checklist = checklistViews(db, projectId, today);
    const visits = listVisits(db, projectId);
    const photos = listAttachments(
      db,
      'visit',
      visits.map((v) => v.id),
    );
    const investment = listInvestmentEntries(db, projectId);
    const reports = listMilestoneReports(db, projectId);
    // Milestones the bureau withdrew are left out (their reports stay in the store and in the packets).
    const withdrawn = new Set(db.prepare('SELECT id FROM milestones WHERE project_id = ? AND withdrawn_at IS NOT NULL').pluck().all(projectId) as string[]);
    // Grouped once, not filtered per milestone and per visit: a busy project's page stays linear in its rows.
    const reportsOf = groupBy(reports, (r) => r.milestoneId);
    const photosOf = groupBy(photos, (a) => a.ownerId);
    const milestones = listMilestones(db, projectId)
      .filter((m) => !withdrawn.has(m.id))
      .map((m) => {
        const own = reportsOf.get(m.id) ?? [];
        return { ...m, reports: own, reachedOn: latestEntry(own)?.reachedOn ?? null };
      });
    return {
      project: summarize(project, {
        entries: investment,
        openProblems: problems.filter((p) => isProblemOpen(p.status)).length,
        overdueItems: checklist.filter((c) => c.overdue).length,
        lastVisitOn: visits[0]?.visitedOn ?? null,
        today,
        asOfMonth,
      }),
      milestones,
      checklist,
      visits: visits.map((v) => ({ ...v, photos: photosOf.get(v.id) ?? [] })),
      problems,
      investment,
    };
  },
};
