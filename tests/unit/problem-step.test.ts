import { describe, expect, it } from 'vitest';
import type { Problem, ProblemEvent } from '@shared/domain/problem.js';
import { AppError } from '@shared/errors.js';
import { raiseProblem, takeProblemStep, type ProblemStepAuthor, type ProblemStepInput } from '@shared/rules/problem-step.js';
import { replayProblemEvents } from '@shared/rules/problem-state.js';
import { compareByEntry, latestEntry } from '@shared/rules/event-order.js';

/** The one problem step both desks take (shared/rules/problem-step.ts), with its refusals. */

const PROBLEM: Pick<Problem, 'id' | 'raisedOn' | 'responsibleDepartment'> = {
  id: '00000000-0000-4000-8000-00000000f000',
  raisedOn: '2026-03-02',
  responsibleDepartment: '区财政局',
};
const NOW = new Date('2026-03-10T02:00:00.000Z');
const ZONE = 'Asia/Shanghai';
const officer: ProblemStepAuthor = { origin: 'officer', byDefault: () => '李明' };
const bureau: ProblemStepAuthor = { origin: 'bureau', byDefault: () => '经发局' };

let seq = 0;
function step(events: readonly ProblemEvent[], input: ProblemStepInput, who: ProblemStepAuthor = officer, now = NOW): ProblemEvent {
  seq++;
  return takeProblemStep(PROBLEM, events, input, who, { now, zone: ZONE }, `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`).event;
}

function refusal(fn: () => unknown): { code: string; params: unknown } {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('not refused');
}

describe('takeProblemStep', () => {
  it('walks the loop, each side recording who and from where', () => {
    const dispatch = step([], { action: 'dispatch', department: ' 区自然资源局 ' });
    expect(dispatch).toMatchObject({ action: 'dispatch', department: '区自然资源局', resolution: null, by: '李明', origin: 'officer', at: NOW.toISOString() });
    expect(dispatch.recordedAt).toBe(NOW.toISOString());
    const coordinate = step([dispatch], { action: 'coordinate', note: '现场调度' }, { ...bureau, by: '王立新' });
    expect(coordinate).toMatchObject({ by: '王立新', origin: 'bureau', department: null, note: '现场调度' });
    // The bureau's steps happen when they are entered: no separate entry time.
    expect(coordinate.recordedAt).toBeUndefined();
    // Never before the latest step, whatever the clock says.
    expect(coordinate.at > dispatch.at).toBe(true);
    const resolve = step([dispatch, coordinate], { action: 'resolve', resolution: '已落实' });
    expect(resolve.resolution).toBe('已落实');
  });

  it('refuses an illegal step with the action and the status it met', () => {
    expect(refusal(() => step([], { action: 'resolve', resolution: '已落实' }))).toEqual({
      code: 'illegal_transition',
      params: { action: 'resolve', status: 'raised' },
    });
    expect(refusal(() => step([], { action: 'verify_close' }, bureau))).toEqual({
      code: 'illegal_transition',
      params: { action: 'verify_close', status: 'raised' },
    });
  });

  it('refuses a step without what it needs, naming the field', () => {
    const dispatch = step([], { action: 'dispatch', department: '区自然资源局' });
    expect(refusal(() => step([], { action: 'dispatch', department: '  ' }))).toEqual({ code: 'invalid_input', params: { path: 'department' } });
    expect(refusal(() => step([dispatch], { action: 'resolve' }))).toEqual({ code: 'invalid_input', params: { path: 'resolution' } });
    expect(refusal(() => step([dispatch], { action: 'note', note: ' ' }))).toEqual({ code: 'invalid_input', params: { path: 'note' } });
    const resolve = step([dispatch], { action: 'resolve', resolution: '已落实' });
    expect(refusal(() => step([dispatch, resolve], { action: 'reopen' }))).toEqual({ code: 'invalid_input', params: { path: 'note' } });
  });

  it('asks for the default actor only once the step is acceptable', () => {
    let asked = 0;
    const who: ProblemStepAuthor = { origin: 'officer', byDefault: () => `${++asked}` };
    expect(() => step([], { action: 'coordinate' }, who)).toThrow(AppError);
    expect(asked).toBe(0);
    expect(step([], { action: 'note', note: '企业来电' }, who).by).toBe('1');
  });

  it('places a step dated earlier at noon of that day, and refuses a day after today', () => {
    expect(step([], { action: 'note', note: '周一座谈', happenedOn: '2026-03-09' }).at).toBe('2026-03-09T04:00:00.000Z');
    expect(refusal(() => step([], { action: 'note', note: '明天', happenedOn: '2026-03-11' }))).toMatchObject({
      code: 'invalid_input',
      params: { path: 'happenedOn', reason: 'after_today' },
    });
  });
});

describe('raiseProblem', () => {
  const project = { id: '00000000-0000-4000-8000-00000000a001', sponsoringLeader: '王立新' };
  it('is raised today on the district calendar, coordinated by the sponsoring leader unless named', () => {
    const late = new Date('2026-03-09T17:30:00.000Z'); // 01:30 on 10 March in Beijing
    const problem = raiseProblem(project, { category: 'land', description: '用地指标' }, bureau, { now: late, zone: ZONE }, PROBLEM.id);
    expect(problem).toMatchObject({ raisedOn: '2026-03-10', coordinatingLeader: '王立新', origin: 'bureau', raisedBy: '经发局', dueOn: null });
    const named = raiseProblem(
      project,
      { category: 'land', description: '用地指标', coordinatingLeader: ' 刘志刚 ' },
      officer,
      { now: NOW, zone: ZONE },
      PROBLEM.id,
    );
    expect(named).toMatchObject({ coordinatingLeader: '刘志刚', origin: 'officer', raisedBy: '李明', recordedAt: NOW.toISOString() });
  });
});

describe('replayProblemEvents and the entry order', () => {
  it('gives each event the status it met and the one it left (null: not applied)', () => {
    const dispatch = step([], { action: 'dispatch', department: '区自然资源局' });
    const close = { ...step([], { action: 'note', note: 'x' }), action: 'verify_close' as const, at: '2026-03-10T03:00:00.000Z' };
    expect(replayProblemEvents([close, dispatch]).map(({ event, met, left }) => [event.id, met, left])).toEqual([
      [dispatch.id, 'raised', 'dispatched'],
      [close.id, 'dispatched', null],
    ]);
  });

  it('takes the latest entry by entry time, then id', () => {
    const a = { id: 'a', recordedAt: '2026-03-01T00:00:00.000Z' };
    const b = { id: 'b', recordedAt: '2026-03-01T00:00:00.000Z' };
    const c = { id: 'c', recordedAt: '2026-02-01T00:00:00.000Z' };
    expect(latestEntry([b, c, a])).toBe(b);
    expect(latestEntry([])).toBeUndefined();
    expect([b, c, a].sort(compareByEntry).map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });
});
