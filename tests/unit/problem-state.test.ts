import { describe, expect, it } from 'vitest';
import { ProblemAction, ProblemStatus, type ProblemEvent } from '@shared/domain/problem.js';
import {
  allowedProblemActions,
  compareProblemEvents,
  deriveProblemState,
  isProblemOpen,
  nextProblemStatus,
  OPEN_PROBLEM_STATUSES,
  problemActionRequirement,
} from '@shared/rules/problem-state.js';
import { makeProblemEvent } from '../helpers/fixtures.js';

type Status = ProblemStatus;
type Action = ProblemAction;

/**
 * The closed loop written out in full, independently of the rule module: for every status, where each
 * action leads, or null when the action is illegal there. `note` is legal everywhere and changes nothing.
 */
const EXPECTED: Record<Status, Record<Action, Status | null>> = {
  raised: { dispatch: 'dispatched', coordinate: null, resolve: null, verify_close: null, reopen: null, note: 'raised' },
  dispatched: { dispatch: 'dispatched', coordinate: 'in_progress', resolve: 'resolved', verify_close: null, reopen: null, note: 'dispatched' },
  in_progress: { dispatch: null, coordinate: 'in_progress', resolve: 'resolved', verify_close: null, reopen: null, note: 'in_progress' },
  resolved: { dispatch: null, coordinate: null, resolve: null, verify_close: 'closed', reopen: 'in_progress', note: 'resolved' },
  closed: { dispatch: null, coordinate: null, resolve: null, verify_close: null, reopen: 'in_progress', note: 'closed' },
};

const ALL_CASES = ProblemStatus.options.flatMap((from) => ProblemAction.options.map((action) => ({ from, action, to: EXPECTED[from][action] })));

describe('problem transitions, every status × every action', () => {
  it('the expected table covers every status and action of the schema', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...ProblemStatus.options].sort());
    for (const row of Object.values(EXPECTED)) expect(Object.keys(row).sort()).toEqual([...ProblemAction.options].sort());
    expect(ALL_CASES).toHaveLength(30);
  });

  it.each(ALL_CASES.filter((c) => c.to !== null))('legal: $from --$action--> $to', ({ from, action, to }) => {
    expect(nextProblemStatus(from, action)).toBe(to);
    expect(allowedProblemActions(from)).toContain(action);
  });

  it.each(ALL_CASES.filter((c) => c.to === null))('illegal: $action from $from', ({ from, action }) => {
    expect(nextProblemStatus(from, action)).toBeNull();
    expect(allowedProblemActions(from)).not.toContain(action);
  });

  it('allowed actions are listed in a stable order', () => {
    expect(allowedProblemActions('raised')).toEqual(['dispatch', 'note']);
    expect(allowedProblemActions('dispatched')).toEqual(['dispatch', 'coordinate', 'resolve', 'note']);
    expect(allowedProblemActions('in_progress')).toEqual(['coordinate', 'resolve', 'note']);
    expect(allowedProblemActions('resolved')).toEqual(['verify_close', 'reopen', 'note']);
    expect(allowedProblemActions('closed')).toEqual(['reopen', 'note']);
  });

  it('only closed is not open; resolved still awaits verification', () => {
    expect(ProblemStatus.options.filter((s) => isProblemOpen(s))).toEqual(['raised', 'dispatched', 'in_progress', 'resolved']);
    expect(OPEN_PROBLEM_STATUSES).toEqual(['raised', 'dispatched', 'in_progress', 'resolved']);
  });

  it('dispatch needs a department, resolve a resolution, reopen a reason', () => {
    expect(ProblemAction.options.map((a) => [a, problemActionRequirement(a)])).toEqual([
      ['dispatch', 'department'],
      ['coordinate', null],
      ['resolve', 'resolution'],
      ['verify_close', null],
      ['reopen', 'reason'],
      ['note', null],
    ]);
  });
});

let seq = 0;
function event(action: Action, at: string, extra: Partial<ProblemEvent> = {}): ProblemEvent {
  seq++;
  const department = action === 'dispatch' ? '区自然资源局' : null;
  const resolution = action === 'resolve' ? '已协调解决' : null;
  const id = `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;
  return makeProblemEvent('00000000-0000-4000-8000-ffffffffffff', { id, action, at: `2026-${at}.000Z`, department, resolution, ...extra });
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('deriveProblemState', () => {
  it('a problem with no events is raised, with its own department', () => {
    expect(deriveProblemState('区财政局', [])).toEqual({
      status: 'raised',
      responsibleDepartment: '区财政局',
      resolution: null,
      closedAt: null,
      resolvedAt: null,
      skippedEventIds: [],
    });
  });

  it('follows the whole closed loop', () => {
    const events = [
      event('dispatch', '03-01T09:00:00', { department: '区发展和改革局' }),
      event('coordinate', '03-05T09:00:00'),
      event('note', '03-06T09:00:00', { note: '企业补充材料' }),
      event('resolve', '03-10T09:00:00', { resolution: '能耗指标已落实' }),
      event('verify_close', '03-12T09:00:00'),
    ];
    expect(deriveProblemState('', events)).toEqual({
      status: 'closed',
      responsibleDepartment: '区发展和改革局',
      resolution: '能耗指标已落实',
      resolvedAt: '2026-03-10T09:00:00.000Z',
      closedAt: '2026-03-12T09:00:00.000Z',
      skippedEventIds: [],
    });
  });

  it('merges events from both sides in (at, id) order whatever order they arrive in', () => {
    const officer = [event('dispatch', '04-01T08:00:00', { department: '区住房和城乡建设局' }), event('resolve', '04-09T08:00:00')];
    const bureau = [
      event('coordinate', '04-03T08:00:00', { origin: 'bureau', by: '重点项目办' }),
      event('verify_close', '04-10T08:00:00', { origin: 'bureau', by: '重点项目办' }),
    ];
    const expected = deriveProblemState('', [...officer, ...bureau]);
    expect(expected.status).toBe('closed');
    expect(expected.skippedEventIds).toEqual([]);
    for (let seed = 1; seed <= 20; seed++) {
      expect(deriveProblemState('', shuffled([...bureau, ...officer], seed))).toEqual(expected);
    }
  });

  it('events at the same moment are ordered by id', () => {
    const same = '05-01T10:00:00';
    const a = event('dispatch', same, { id: '00000000-0000-4000-8000-00000000000a', department: '甲部门' });
    const b = event('dispatch', same, { id: '00000000-0000-4000-8000-00000000000b', department: '乙部门' });
    expect(compareProblemEvents(a, b)).toBeLessThan(0);
    expect(compareProblemEvents(b, a)).toBeGreaterThan(0);
    expect(compareProblemEvents(a, a)).toBe(0);
    // The later id wins, whichever side's list came first.
    expect(deriveProblemState('', [b, a]).responsibleDepartment).toBe('乙部门');
    expect(deriveProblemState('', [a, b]).responsibleDepartment).toBe('乙部门');
  });

  it('skips an event that is illegal at its turn and records it, without stopping', () => {
    const dispatch = event('dispatch', '06-01T09:00:00');
    const officerResolve = event('resolve', '06-05T09:00:00', { resolution: '企业自行解决' });
    const bureauResolve = event('resolve', '06-05T10:00:00', { origin: 'bureau', resolution: '部门协调解决' });
    const close = event('verify_close', '06-07T09:00:00');
    const state = deriveProblemState('', [close, bureauResolve, officerResolve, dispatch]);
    expect(state.status).toBe('closed');
    expect(state.resolution).toBe('企业自行解决');
    expect(state.skippedEventIds).toEqual([bureauResolve.id]);
  });

  it('an event before any legal predecessor is skipped (closing a raised problem)', () => {
    const early = event('verify_close', '07-01T09:00:00');
    const dispatch = event('dispatch', '07-02T09:00:00');
    const state = deriveProblemState('区财政局', [dispatch, early]);
    expect(state.status).toBe('dispatched');
    expect(state.closedAt).toBeNull();
    expect(state.skippedEventIds).toEqual([early.id]);
  });

  it('dispatch without a department keeps the current one', () => {
    const state = deriveProblemState('区财政局', [event('dispatch', '08-01T09:00:00', { department: null })]);
    expect(state.responsibleDepartment).toBe('区财政局');
  });

  it('reopen clears closedAt and resolvedAt and puts the problem back in progress', () => {
    const events = [
      event('dispatch', '09-01T09:00:00'),
      event('resolve', '09-02T09:00:00'),
      event('verify_close', '09-03T09:00:00'),
      event('reopen', '09-04T09:00:00', { note: '问题复发' }),
    ];
    const state = deriveProblemState('', events);
    expect(state.status).toBe('in_progress');
    expect(state.closedAt).toBeNull();
    expect(state.resolvedAt).toBeNull();
    expect(state.resolution).toBeNull();
    expect(isProblemOpen(state.status)).toBe(true);

    const again = deriveProblemState('', [...events, event('resolve', '09-05T09:00:00', { resolution: '二次化解' }), event('verify_close', '09-06T09:00:00')]);
    expect(again).toMatchObject({ status: 'closed', resolution: '二次化解', closedAt: '2026-09-06T09:00:00.000Z', resolvedAt: '2026-09-05T09:00:00.000Z' });
  });

  it('does not mutate the caller’s array', () => {
    const events = [event('resolve', '10-02T09:00:00'), event('dispatch', '10-01T09:00:00')];
    const copy = [...events];
    deriveProblemState('', events);
    expect(events).toEqual(copy);
  });
});
