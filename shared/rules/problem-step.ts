import { Problem, ProblemEvent, type Origin, type ProblemAction, type ProblemCategory, type ProblemStatus, type Project } from '../domain/index.js';
import { AppError } from '../errors.js';
import { localDay } from './local-time.js';
import { stepMoment } from './problem-step-moment.js';
import { deriveProblemState, nextProblemStatus, problemActionRequirement } from './problem-state.js';

/**
 * The closed problem loop (问题收集、交办、顶格协调、化解、核实办结), the same rules on both desks: the
 * officer's 'problems.raise' and 'problems.act' and the bureau's raiseBureauProblem and actOnBureauProblem call
 * raiseProblem and takeProblemStep, and only store what they return.
 *
 * A step is refused (an AppError, nothing to store) when it is not legal from the state derived from every
 * event held, or when it lacks what it needs: a dispatch its department, a resolution its text, a reopening
 * its reason, a note its text; and when the day it happened is not allowed (problem-step-moment.ts).
 */

export interface ProblemStepInput {
  action: ProblemAction;
  note?: string;
  department?: string;
  resolution?: string;
  /** The day it happened on the district's calendar, when earlier than today (the officer's app offers it). */
  happenedOn?: string;
}

export interface ProblemStepAuthor {
  origin: Origin;
  /** Who acted, as entered; when empty, `byDefault()`, asked only once the step is known to be acceptable. */
  by?: string;
  byDefault: () => string;
}

export interface ProblemStepClock {
  now: Date;
  /** The district's IANA time zone: what "today" and a day it happened mean. */
  zone: string;
}

/** Input refused for one field: `path` names it in the error and its issue. */
export function invalidField(path: string, message: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('invalid_input', `${path}: ${message}`, { path, ...params }, [{ path, message }]);
}

/** The new event (with `id`) and the status it leaves the problem in, or throws the refusal. */
export function takeProblemStep(
  problem: Pick<Problem, 'id' | 'raisedOn' | 'responsibleDepartment'>,
  events: readonly ProblemEvent[],
  input: ProblemStepInput,
  who: ProblemStepAuthor,
  when: ProblemStepClock,
  id: string,
): { event: ProblemEvent; status: ProblemStatus } {
  const { action } = input;
  const { status } = deriveProblemState(problem.responsibleDepartment, events);
  const next = nextProblemStatus(status, action);
  if (next === null) throw new AppError('illegal_transition', `cannot ${action} a problem that is ${status}`, { action, status });
  const note = input.note?.trim() ?? '';
  const department = input.department?.trim() ?? '';
  const resolution = input.resolution?.trim() ?? '';
  const requirement = problemActionRequirement(action);
  if (requirement === 'department' && department === '') throw invalidField('department', 'a dispatch needs the responsible department');
  if (requirement === 'resolution' && resolution === '') throw invalidField('resolution', 'resolving needs the resolution');
  if (requirement === 'reason' && note === '') throw invalidField('note', 'reopening needs a reason');
  if (action === 'note' && note === '') throw invalidField('note', 'a note needs text');
  const by = who.by?.trim() || who.byDefault();
  const parsed = ProblemEvent.safeParse({
    id,
    problemId: problem.id,
    action,
    // When it happened (the day given, or now), never before the latest step.
    at: stepMoment(when.now, when.zone, problem, events, input.happenedOn),
    // The officer may date a step earlier than the day it is entered, so the app keeps both; the bureau's
    // steps happen when they are entered and have carried no entry time since the bureau desk began.
    ...(who.origin === 'officer' ? { recordedAt: when.now.toISOString() } : {}),
    by,
    origin: who.origin,
    note,
    department: requirement === 'department' ? department : null,
    resolution: requirement === 'resolution' ? resolution : null,
  });
  if (!parsed.success) throw AppError.fromZod(parsed.error, 'problem event');
  return { event: parsed.data, status: next };
}

export interface RaiseProblemInput {
  category: ProblemCategory;
  description: string;
  responsibleDepartment?: string;
  /** Defaults to the project's sponsoring leader. */
  coordinatingLeader?: string;
  dueOn?: string | null;
}

/**
 * A new problem on a project the caller has found open: raised today on the district's calendar, coordinated
 * by the project's sponsoring leader unless another leader is named.
 */
export function raiseProblem(
  project: Pick<Project, 'id' | 'sponsoringLeader'>,
  input: RaiseProblemInput,
  who: ProblemStepAuthor,
  when: ProblemStepClock,
  id: string,
): Problem {
  const parsed = Problem.safeParse({
    id,
    projectId: project.id,
    category: input.category,
    description: input.description,
    responsibleDepartment: input.responsibleDepartment ?? '',
    coordinatingLeader: input.coordinatingLeader?.trim() || project.sponsoringLeader,
    dueOn: input.dueOn ?? null,
    origin: who.origin,
    raisedOn: localDay(when.now, when.zone),
    raisedBy: who.by?.trim() || who.byDefault(),
    recordedAt: when.now.toISOString(),
  });
  if (!parsed.success) throw AppError.fromZod(parsed.error, 'problem');
  return parsed.data;
}
