import { describe, expect, it } from 'vitest';
import type { ChecklistEvent } from '@shared/domain/checklist.js';
import { deriveChecklistState } from '@shared/rules/checklist-state.js';

let seq = 0;
function ev(action: ChecklistEvent['action'], recordedAt: string, extra: Partial<ChecklistEvent> = {}): ChecklistEvent {
  seq++;
  return {
    id: `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`,
    itemId: '00000000-0000-4000-8000-ffffffffffff',
    action,
    effectiveOn: recordedAt.slice(0, 10),
    note: action === 'close_off' ? '批复文件已归档' : '材料退回补正',
    attachmentId: null,
    recordedAt: `${recordedAt}.000Z`,
    recordedBy: '李明',
    ...extra,
  };
}

const OPEN = { closedOff: false, closedOffOn: null, closedOffBy: null, evidence: null };

describe('deriveChecklistState', () => {
  it('no events: open', () => {
    expect(deriveChecklistState([])).toEqual(OPEN);
  });

  it('closed off: the day it was done, who, and the evidence', () => {
    const e = ev('close_off', '2026-11-20T10:00:00', { effectiveOn: '2026-11-18', recordedBy: '王立新' });
    expect(deriveChecklistState([e])).toEqual({ closedOff: true, closedOffOn: '2026-11-18', closedOffBy: '王立新', evidence: '批复文件已归档' });
  });

  it('reopened after a close-off: open again', () => {
    expect(deriveChecklistState([ev('close_off', '2026-11-01T10:00:00'), ev('reopen', '2026-11-02T10:00:00')])).toEqual(OPEN);
  });

  it('closed off again after a reopening: the latest close-off counts', () => {
    const last = ev('close_off', '2026-11-03T10:00:00', { effectiveOn: '2026-11-03', note: '补正后办结' });
    const state = deriveChecklistState([last, ev('reopen', '2026-11-02T10:00:00'), ev('close_off', '2026-11-01T10:00:00')]);
    expect(state).toMatchObject({ closedOff: true, closedOffOn: '2026-11-03', evidence: '补正后办结' });
  });

  it('the order is by recordedAt, then id, not by the array order', () => {
    const t = '2026-11-05T10:00:00';
    const a = ev('close_off', t, { id: '00000000-0000-4000-8000-00000000aaaa' });
    const b = ev('reopen', t, { id: '00000000-0000-4000-8000-00000000bbbb' });
    expect(deriveChecklistState([a, b]).closedOff).toBe(false);
    expect(deriveChecklistState([b, a]).closedOff).toBe(false);
  });
});
