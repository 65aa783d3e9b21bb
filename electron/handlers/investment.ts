import type { InvestmentEntry } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { currentMonthlyFigures, projectProgress as progressOf } from '@shared/rules/index.js';
import { insertInvestmentEntry, listInvestmentEntries } from '../store/repositories/investment.js';
import { getProject } from '../store/repositories/projects.js';
import { newId } from '../store/ids.js';
import { currentOfficerName } from './problems.js';
import { assertProjectOpen } from './project-open.js';
import { reportingDay } from './project-views.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from '../store/time-zone.js';

function latestEntry(entries: readonly InvestmentEntry[], month: string): InvestmentEntry | undefined {
  // Entries come ordered by month, recorded_at, id: the last one of the month is its figure.
  return entries.filter((e) => e.month === month).at(-1);
}

/** Now, but strictly after `previous`: a correction must sort after the figure it corrects, even on a slow clock. */
export function laterThan(now: Date, previous: string | undefined): string {
  const at = now.toISOString();
  if (!previous || previous < at) return at;
  return new Date(Date.parse(previous) + 1).toISOString();
}

export const investmentHandlers: HandlerGroup<'investment.record'> = {
  'investment.record': ({ projectId, month, amount }, ctx) => {
    const project = getProject(ctx.db, projectId);
    if (!project) throw new AppError('not_found', `project ${projectId} not found`, { what: 'project', id: projectId });
    assertProjectOpen(project);
    const now = ctx.now();
    const { today, asOfMonth } = reportingDay(now, storeTimeZone(ctx.db));
    if (!month.startsWith(`${project.planYear}-`)) {
      throw new AppError('invalid_input', `month: ${month} is outside the plan year ${project.planYear}`, { path: 'month', month, year: project.planYear }, [
        { path: 'month', message: `outside the plan year ${project.planYear}` },
      ]);
    }
    if (month > today.slice(0, 7)) {
      throw new AppError('invalid_input', `month: ${month} is in the future`, { path: 'month', month }, [{ path: 'month', message: 'in the future' }]);
    }
    const existing = listInvestmentEntries(ctx.db, projectId);
    const current = latestEntry(existing, month);
    if (current && currentMonthlyFigures(existing).get(month) === amount) {
      return { entry: current, written: false, progress: progressOf(project, existing, asOfMonth) };
    }
    const entry: InvestmentEntry = {
      id: newId(),
      projectId,
      month,
      amount,
      recordedAt: laterThan(now, current?.recordedAt),
      recordedBy: currentOfficerName(ctx.db),
    };
    insertInvestmentEntry(ctx.db, entry);
    return { entry, written: true, progress: progressOf(project, [...existing, entry], asOfMonth) };
  },
};
