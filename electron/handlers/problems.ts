import { Officer, type Problem } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import type { ProblemView } from '@shared/operations/index.js';
import { raiseProblem, takeProblemStep } from '@shared/rules/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { ledgerPage } from '../store/read-models/problem-ledger.js';
import { getProblem, insertProblem, insertProblemEvent, listProblemEvents } from '../store/repositories/problems.js';
import { getProject } from '../store/repositories/projects.js';
import { readSetting } from '../store/repositories/settings.js';
import { listVisits } from '../store/repositories/visits.js';
import { SETTING } from './app.js';
import type { ServiceContext } from './context.js';
import { newId } from '../store/ids.js';
import { assertProjectOpen } from './project-open.js';
import { problemViews, reportingDay } from './project-views.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from '../store/time-zone.js';

/** The officer in settings: who an officer record is written by. A store without one cannot record work. */
export function currentOfficerName(db: SqliteDatabase): string {
  const officer = readSetting(db, SETTING.officer, Officer);
  if (!officer)
    throw new AppError('invalid_input', 'no sponsor officer is set', { what: 'officer', path: 'officer' }, [{ path: 'officer', message: 'not set' }]);
  return officer.name;
}

function viewOf(ctx: ServiceContext, problem: Problem): ProblemView {
  const project = getProject(ctx.db, problem.projectId);
  const { today } = reportingDay(ctx.now(), storeTimeZone(ctx.db));
  const [view] = problemViews([problem], listProblemEvents(ctx.db, [problem.id]), new Map([[problem.projectId, project?.name ?? '']]), today);
  return view!;
}

const idOf = (record: { id: string }) => record.id;

export const problemHandlers: HandlerGroup<'problems.raise' | 'problems.act' | 'problems.ledger'> = {
  'problems.raise': (input, ctx) => {
    const project = getProject(ctx.db, input.projectId);
    if (!project) throw new AppError('not_found', `project ${input.projectId} not found`, { what: 'project', id: input.projectId });
    assertProjectOpen(project);
    if (input.sourceVisitId && !listVisits(ctx.db, project.id).some((v) => v.id === input.sourceVisitId)) {
      throw new AppError('not_found', `visit ${input.sourceVisitId} not found in project ${project.id}`, { what: 'visit', id: input.sourceVisitId });
    }
    // Raised by the same rule as the bureau's problems (shared/rules/problem-step.ts).
    const problem = raiseProblem(
      project,
      input,
      { origin: 'officer', byDefault: () => currentOfficerName(ctx.db) },
      { now: ctx.now(), zone: storeTimeZone(ctx.db) },
      newId(),
    );
    insertProblem(ctx.db, problem);
    return viewOf(ctx, problem);
  },

  'problems.act': (input, ctx) => {
    const problem = getProblem(ctx.db, input.problemId);
    if (!problem) throw new AppError('not_found', `problem ${input.problemId} not found`, { what: 'problem', id: input.problemId });
    const project = getProject(ctx.db, problem.projectId);
    if (project) assertProjectOpen(project);
    // The step's rule is the bureau's too (shared/rules/problem-step.ts); the officer may date it earlier.
    const { event } = takeProblemStep(
      problem,
      listProblemEvents(ctx.db, [problem.id]),
      input,
      { origin: 'officer', by: input.by, byDefault: () => currentOfficerName(ctx.db) },
      { now: ctx.now(), zone: storeTimeZone(ctx.db) },
      newId(),
    );
    insertProblemEvent(ctx.db, event);
    return viewOf(ctx, problem);
  },

  'problems.ledger': (input, ctx) => {
    const { today } = reportingDay(ctx.now(), storeTimeZone(ctx.db));
    // The store picks and orders the page; each row's state is then derived by the rule from its own steps.
    const { rows, ...page } = ledgerPage(ctx.db, input, today);
    const names = new Map(rows.map((r) => [r.projectId, r.projectName]));
    const problems = rows.map(({ status: _s, department: _d, projectName: _n, overdue: _o, ...problem }) => problem);
    const events = listProblemEvents(ctx.db, rows.map(idOf));
    return { rows: problemViews(problems, events, names, today), offset: input.offset, ...page };
  },
};
