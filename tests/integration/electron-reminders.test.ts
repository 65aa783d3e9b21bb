/**
 * The desktop reminder of the main process (electron/main/reminders.ts), without Electron: a fake
 * Notification class and a fake timer stand in, as the other main-process tests do. What it configures:
 * a notification on start, none again the same district day, one more when the day changes, the text in
 * the officer's language, a click that brings the window forward, and nothing when nothing is due.
 */
import { describe, expect, it } from 'vitest';
import type { Reminders } from '@shared/operations/reminders.js';
import { electronNotifier, REMINDER_CHECK_MS, reminderNotification, startReminderSchedule } from '../../electron/main/reminders.js';
import type { MenuLanguage } from '../../electron/main/menu.js';

const ITEM = { projectId: '00000000-0000-4000-8000-000000000001', projectCode: 'GX-2026-001', projectName: '储能电站' };
const OVERDUE = {
  ...ITEM,
  kind: 'checklist' as const,
  id: '00000000-0000-4000-8000-000000000010',
  title: '环评批复',
  dueOn: '2026-11-20',
  urgency: 'overdue' as const,
  days: 4,
};
const SOON = {
  ...ITEM,
  kind: 'milestone' as const,
  id: '00000000-0000-4000-8000-000000000011',
  title: '设备进场',
  dueOn: '2026-11-25',
  urgency: 'due_soon' as const,
  days: 1,
};
const reminders = (today: string, overdue = [OVERDUE], dueSoon = [SOON]): Reminders => ({ today, until: '2026-11-27', overdue, dueSoon });

class FakeNotification {
  static shown: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  readonly listeners: (() => void)[] = [];
  constructor(readonly options: { title: string; body: string; icon?: string }) {}
  on(_event: 'click', listener: () => void): this {
    this.listeners.push(listener);
    return this;
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}

function fakeTimer() {
  const timers: { fn: () => void; ms: number }[] = [];
  return {
    timers,
    setInterval: (fn: () => void, ms: number) => timers.push({ fn, ms }),
    clearInterval: (handle: unknown) => timers.splice(Number(handle) - 1, 1),
    tick: () => timers.forEach((t) => t.fn()),
  };
}

describe('desktop reminders', () => {
  it('notify on start, not again the same day, again when the district day changes', async () => {
    FakeNotification.shown = [];
    let current = reminders('2026-11-24');
    let language: MenuLanguage = 'zh-CN';
    const focused: string[] = [];
    const timer = fakeTimer();
    const schedule = startReminderSchedule({
      fetch: async () => current,
      notify: electronNotifier(FakeNotification, { icon: '/app/icon.png', onClick: () => focused.push('window') }),
      language: () => language,
      setInterval: timer.setInterval,
      clearInterval: timer.clearInterval,
    });
    expect(timer.timers.map((t) => t.ms)).toEqual([REMINDER_CHECK_MS]);
    await schedule.check();
    expect(FakeNotification.shown).toHaveLength(1);
    const first = FakeNotification.shown[0]!;
    expect(first.options.title).toBe('帮包工作台 · 到期提醒');
    expect(first.options.body).toBe('逾期 1 项\n清单 · 储能电站 · 环评批复（逾期 4 天）\n3 天内到期 1 项\n节点 · 储能电站 · 设备进场（1 天后到期）');
    expect(first.options.icon).toBe('/app/icon.png');
    first.listeners.forEach((l) => l());
    expect(focused).toEqual(['window']);

    // The hourly check on the same day shows nothing new.
    timer.tick();
    await schedule.check();
    expect(FakeNotification.shown).toHaveLength(1);

    // After midnight in the district the list is shown again, in the language now chosen.
    current = reminders('2026-11-25', [{ ...OVERDUE, days: 5 }], []);
    language = 'en';
    timer.tick();
    await schedule.check();
    expect(FakeNotification.shown).toHaveLength(2);
    expect(FakeNotification.shown[1]!.options).toMatchObject({
      title: 'Sponsor Desk · Due reminders',
      body: '1 overdue\nTask · 储能电站 · 环评批复（5 days overdue）',
    });
    schedule.stop();
    expect(timer.timers).toEqual([]);
  });

  it('a locked store (no list) is asked again; nothing due shows nothing; an unsupported desktop shows nothing', async () => {
    FakeNotification.shown = [];
    let current: Reminders | null = null;
    const timer = fakeTimer();
    const schedule = startReminderSchedule({
      fetch: async () => current,
      notify: electronNotifier(FakeNotification, { onClick: () => {} }),
      language: () => 'zh-CN',
      setInterval: timer.setInterval,
      clearInterval: timer.clearInterval,
    });
    await schedule.check();
    expect(FakeNotification.shown).toHaveLength(0);
    current = reminders('2026-11-24', [], []);
    await schedule.check();
    expect(FakeNotification.shown).toHaveLength(0);
    expect(reminderNotification(current, 'zh-CN')).toBeNull();
    FakeNotification.supported = false;
    electronNotifier(FakeNotification, { onClick: () => {} })({ title: 't', body: 'b' });
    expect(FakeNotification.shown).toHaveLength(0);
    FakeNotification.supported = true;
  });

  it('lists three of each and says how many more', () => {
    const many = Array.from({ length: 5 }, (_, n) => ({ ...OVERDUE, title: `事项${n + 1}` }));
    const text = reminderNotification(reminders('2026-11-24', many, []), 'zh-CN')!.body.split('\n');
    expect(text).toEqual([
      '逾期 5 项',
      '清单 · 储能电站 · 事项1（逾期 4 天）',
      '清单 · 储能电站 · 事项2（逾期 4 天）',
      '清单 · 储能电站 · 事项3（逾期 4 天）',
      '……另有 2 项',
    ]);
  });

  it('a failed read does not stop the schedule', async () => {
    FakeNotification.shown = [];
    let fail = true;
    const timer = fakeTimer();
    const schedule = startReminderSchedule({
      fetch: async () => {
        if (fail) throw new Error('store_locked');
        return reminders('2026-11-24');
      },
      notify: electronNotifier(FakeNotification, { onClick: () => {} }),
      language: () => 'zh-CN',
      setInterval: timer.setInterval,
      clearInterval: timer.clearInterval,
    });
    await schedule.check();
    fail = false;
    await schedule.check();
    expect(FakeNotification.shown).toHaveLength(1);
  });
});
