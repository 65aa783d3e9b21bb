import { randomUUID } from 'node:crypto';
import { ProblemAction, ProblemCategory, type Problem, type ProblemEvent } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { groupBy, invalidField, isProblemOpen, localDay, problemView, raiseProblem, takeProblemStep } from '@shared/rules/index.js';
import type { ProblemStateView, ProblemStepInput, RaiseProblemInput } from '@shared/rules/index.js';
import { SETTING, DEFAULT_BUREAU_NAME, type BureauContext } from './context.js';
import { projectIdForCode } from './ids.js';
import {
  getBureauProject,
  getFoldedRecord,
  insertBureauRecord,
  listBureauProjects,
  listFolded,
  listOfficers,
  readBureauSetting,
  type BureauProject,
} from './repository.js';
import { withSigningRecorder } from './recorders.js';
import { bureauTimeZone } from './time-zone.js';

/**
 * The bureau's side of the closed problem loop (问题收集、交办、顶格协调、化解、核实办结). The bureau raises
 * problems on a project and adds events to any problem it holds (its own or an officer's): dispatch to a
 * responsible department, coordination at the top level by the sponsoring leader, verification and close,
 * reopening, notes. Each record is validated with the shared schema and each step by the officer's own rule
 * (shared/rules/problem-step.ts) against every event the bureau holds, stored with origin `bureau` in the same
 * tables as the folded officer records (officer_id and packet_id empty), and carried to the project's officer
 * in the next assignment, where it merges as a union by id (docs/packets.md §3).
 */

/** A problem as the officer's lists show it (shared/rules/problem-view.ts), with its project and officer. */
export interface BureauProblemView extends Problem, ProblemStateView {
  projectCode: string;
  projectName: string;
  projectArchived: boolean;
  officerId: string;
  officerName: string;
}

export interface RaiseBureauProblemInput extends Omit<RaiseProblemInput, 'category'> {
  /** The project: its code (GX-2026-001) or id. */
  project: string;
  category: string;
  /** Who raised it; defaults to the bureau's name. */
  raisedBy?: string;
}

export interface BureauProblemActInput extends Omit<ProblemStepInput, 'action' | 'happenedOn'> {
  /** The problem's id, or an unambiguous prefix of at least 8 characters. */
  problem: string;
  action: string;
  /** Who acted; for `coordinate` the project's sponsoring leader by default, otherwise the bureau's name. */
  by?: string;
}

export interface ListBureauProblemsOptions {
  /** Only this project (code or id). */
  project?: string;
  /** Only problems not yet closed (办结). */
  openOnly?: boolean;
  /** Only problems raised by this side. */
  origin?: 'bureau' | 'officer';
}

function bureauName(ctx: BureauContext): string {
  return (readBureauSetting(ctx.db, SETTING.name) as string | null) ?? DEFAULT_BUREAU_NAME;
}

/** A project named by code or id (archived ones too). */
export function resolveBureauProject(ctx: BureauContext, codeOrId: string): BureauProject {
  const text = codeOrId.trim();
  const project =
    getBureauProject(ctx.db, text) ??
    getBureauProject(ctx.db, projectIdForCode(text)) ??
    listBureauProjects(ctx.db, { includeArchived: true }).find((p) => p.code === text);
  if (project) return project;
  throw new AppError('not_found', `no project ${text}`, { what: 'project', id: text });
}

/** A problem by id or by a unique prefix (at least 8 characters) of its id. */
export function resolveBureauProblem(ctx: BureauContext, idOrPrefix: string): Problem {
  const text = idOrPrefix.trim().toLowerCase();
  const exact = getFoldedRecord(ctx.db, 'problem', text);
  if (exact) return exact as unknown as Problem;
  if (text.length >= 8 && /^[0-9a-f-]+$/.test(text)) {
    const matches = listFolded<Problem>(ctx.db, 'problem', 'WHERE id LIKE ?', `${text}%`);
    if (matches.length === 1) return matches[0]!;
    if (matches.length > 1)
      throw invalidField('problem', `${matches.length} problems have ids starting with ${text}; give more of the id`, { what: 'problem' });
  }
  throw new AppError('not_found', `no problem ${idOrPrefix}`, { what: 'problem', id: idOrPrefix });
}

function eventsOf(ctx: BureauContext, problemId: string): ProblemEvent[] {
  return listFolded<ProblemEvent>(ctx.db, 'problem_event', 'WHERE problem_id = ?', problemId);
}

function viewsOf(ctx: BureauContext, problems: readonly Problem[], allEvents?: readonly ProblemEvent[]): BureauProblemView[] {
  // Who raised an officer's problem: the officer who signed its packet, as the bureau knows them (recorders.ts).
  problems = withSigningRecorder(ctx.db, 'problem', problems);
  const today = localDay(ctx.now(), bureauTimeZone(ctx.db));
  const projects = new Map(listBureauProjects(ctx.db, { includeArchived: true }).map((p) => [p.id, p]));
  const officers = new Map(listOfficers(ctx.db).map((o) => [o.id, o.name]));
  const byProblem = groupBy(allEvents ?? problems.flatMap((p) => eventsOf(ctx, p.id)), (e) => e.problemId);
  return problems.map((p) => {
    const project = projects.get(p.projectId);
    return {
      ...problemView(p, byProblem.get(p.id) ?? [], today),
      projectCode: project?.code ?? '',
      projectName: project?.name ?? '',
      projectArchived: project ? project.archivedAt !== null : false,
      officerId: project?.officerId ?? '',
      officerName: project ? (officers.get(project.officerId) ?? '') : '',
    };
  });
}

/** One problem with its merged history and derived state. */
export function getBureauProblem(ctx: BureauContext, idOrPrefix: string): BureauProblemView {
  return viewsOf(ctx, [resolveBureauProblem(ctx, idOrPrefix)])[0]!;
}

/** Every problem the bureau holds (both origins), newest first, with the state derived from all events held. */
export function listBureauProblems(ctx: BureauContext, options: ListBureauProblemsOptions = {}): BureauProblemView[] {
  let problems = listFolded<Problem>(ctx.db, 'problem');
  if (options.project) {
    const project = resolveBureauProject(ctx, options.project);
    problems = problems.filter((p) => p.projectId === project.id);
  }
  if (options.origin) problems = problems.filter((p) => p.origin === options.origin);
  const views = viewsOf(ctx, problems, listFolded<ProblemEvent>(ctx.db, 'problem_event'));
  const filtered = options.openOnly ? views.filter((v) => isProblemOpen(v.status)) : views;
  return filtered.sort((a, b) =>
    a.raisedOn !== b.raisedOn ? (a.raisedOn < b.raisedOn ? 1 : -1) : a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0,
  );
}

/**
 * The bureau raises a problem on an active project (origin `bureau`, raised today). It reaches the project's
 * officer with the next assignment.
 */
export function raiseBureauProblem(ctx: BureauContext, input: RaiseBureauProblemInput): BureauProblemView {
  const project = resolveBureauProject(ctx, input.project);
  if (project.archivedAt !== null) {
    throw new AppError('invalid_input', `project ${project.code} was withdrawn; restore it in the master list before raising a problem on it`, {
      reason: 'project_withdrawn',
      id: project.id,
      code: project.code,
    });
  }
  const category = ProblemCategory.safeParse(input.category);
  if (!category.success) throw invalidField('category', `"${input.category}" is not one of ${ProblemCategory.options.join(', ')}`);
  const problem = raiseProblem(
    project,
    { ...input, category: category.data },
    { origin: 'bureau', by: input.raisedBy, byDefault: () => bureauName(ctx) },
    { now: ctx.now(), zone: bureauTimeZone(ctx.db) },
    randomUUID(),
  );
  ctx.db.transaction(() => insertBureauRecord(ctx, 'problem', problem))();
  return viewsOf(ctx, [problem])[0]!;
}

/**
 * One bureau step of the closed loop on a problem it holds, by the same rule as the officer's app
 * (shared/rules/problem-step.ts): refused, with nothing written, when the step is not legal from the state
 * derived from every event the bureau holds or lacks what it needs.
 */
export function actOnBureauProblem(ctx: BureauContext, input: BureauProblemActInput): BureauProblemView {
  const action = ProblemAction.safeParse(input.action);
  if (!action.success) throw invalidField('action', `"${input.action}" is not one of ${ProblemAction.options.join(', ')}`);
  return ctx.db.transaction(() => {
    const problem = resolveBureauProblem(ctx, input.problem);
    const { event } = takeProblemStep(
      problem,
      eventsOf(ctx, problem.id),
      { ...input, action: action.data },
      {
        origin: 'bureau',
        by: input.by,
        // Coordination at the top level is the sponsoring leader's; every other step the bureau's.
        byDefault: () => (action.data === 'coordinate' && getBureauProject(ctx.db, problem.projectId)?.sponsoringLeader) || bureauName(ctx),
      },
      { now: ctx.now(), zone: bureauTimeZone(ctx.db) },
      randomUUID(),
    );
    insertBureauRecord(ctx, 'problem_event', event);
    return viewsOf(ctx, [problem])[0]!;
  })();
}
