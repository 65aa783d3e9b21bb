/**
 * Reminders as a desktop notification (issue 13, point 10): on start, and again whenever the district's day
 * has changed while the desk runs, what is overdue and what falls due in the next three days. The rule and
 * the list are the `reminders.due` operation's (shared/rules/reminders.ts, handlers/reminders.ts);
 * this module only decides when to ask and what the notification says. Pure apart from what it is given,
 * so tests drive it with a fake Notification and a fake timer (tests/integration/electron-reminders.test.ts).
 */
import type { ReminderItem, Reminders } from '@shared/operations/reminders.js';
import type { MenuLanguage } from './menu.js';

/** How often the running desk asks whether the day has changed: cheap, and a new day is seen within the hour. */
export const REMINDER_CHECK_MS = 30 * 60 * 1000;
const LISTED = 3;

const TEXT = {
  'zh-CN': {
    title: '帮包工作台 · 到期提醒',
    overdue: (n: number) => `逾期 ${n} 项`,
    dueSoon: (n: number) => `3 天内到期 ${n} 项`,
    kind: { checklist: '清单', milestone: '节点', problem: '问题' },
    late: (d: number) => `逾期 ${d} 天`,
    left: (d: number) => (d === 0 ? '今天到期' : `${d} 天后到期`),
    more: (n: number) => `……另有 ${n} 项`,
  },
  en: {
    title: 'Sponsor Desk · Due reminders',
    overdue: (n: number) => `${n} overdue`,
    dueSoon: (n: number) => `${n} due within 3 days`,
    kind: { checklist: 'Task', milestone: 'Milestone', problem: 'Problem' },
    late: (d: number) => (d === 1 ? '1 day overdue' : `${d} days overdue`),
    left: (d: number) => (d === 0 ? 'due today' : d === 1 ? 'due tomorrow' : `due in ${d} days`),
    more: (n: number) => `…and ${n} more`,
  },
} as const;

/** The notification's title and body, or null when nothing is overdue or due soon. */
export function reminderNotification(r: Reminders, language: MenuLanguage): { title: string; body: string } | null {
  const t = TEXT[language] ?? TEXT['zh-CN'];
  if (r.overdue.length === 0 && r.dueSoon.length === 0) return null;
  const line = (i: ReminderItem) => `${t.kind[i.kind]} · ${i.projectName} · ${i.title}（${i.urgency === 'overdue' ? t.late(i.days) : t.left(i.days)}）`;
  const block = (items: readonly ReminderItem[], heading: string) =>
    items.length === 0 ? [] : [heading, ...items.slice(0, LISTED).map(line), ...(items.length > LISTED ? [t.more(items.length - LISTED)] : [])];
  const body = [...block(r.overdue, t.overdue(r.overdue.length)), ...block(r.dueSoon, t.dueSoon(r.dueSoon.length))].join('\n');
  return { title: t.title, body };
}

export interface ReminderScheduleDeps {
  /** The reminders now, or null when they cannot be read (a locked store): asked again on the next check. */
  fetch(): Promise<Reminders | null>;
  notify(n: { title: string; body: string }): void;
  language(): MenuLanguage;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Checks now and every REMINDER_CHECK_MS; notifies once per district day (the day `reminders.due` reports). */
export function startReminderSchedule(deps: ReminderScheduleDeps): { check(): Promise<void>; stop(): void } {
  let shownFor: string | null = null;
  let running: Promise<void> | null = null;
  const check = (): Promise<void> => {
    // One check at a time: the timer and an unlock arriving together must not notify twice.
    running ??= (async () => {
      try {
        const r = await deps.fetch();
        if (r === null || r.today === shownFor) return;
        shownFor = r.today;
        const n = reminderNotification(r, deps.language());
        if (n) deps.notify(n);
      } catch {
        // A failed read is retried on the next check; reminders never stop the desk.
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const handle = deps.setInterval(() => void check(), REMINDER_CHECK_MS);
  return { check, stop: () => deps.clearInterval(handle) };
}

/** What main.ts needs of Electron's Notification class (a fake in tests). */
export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}
export interface NotificationClassLike {
  new (options: { title: string; body: string; icon?: string; silent?: boolean }): NotificationLike;
  isSupported(): boolean;
}

/** Shows a notification with Electron's class; a click brings the desk's window to the front. */
export function electronNotifier(
  Notification: NotificationClassLike,
  options: { icon?: string; onClick(): void },
): (n: { title: string; body: string }) => void {
  return ({ title, body }) => {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body, icon: options.icon });
    notification.on('click', options.onClick);
    notification.show();
  };
}
