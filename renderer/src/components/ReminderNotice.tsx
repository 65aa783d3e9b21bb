import { Alert, Button, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { ReminderItem, Reminders } from '@shared/operations/reminders';
import { useDesk, useT } from '../store';

/** How often the open window asks whether the district's day has changed (also on focus and when shown again). */
const CHECK_MS = 5 * 60 * 1000;
const LISTED = 3;

/**
 * The due reminders in the window: on start, and again when the district's day has changed (the `today`
 * that `reminders.due` reports, never the computer's calendar), a notice above the screen says how much is
 * overdue and how much falls due in the next three days, with the most urgent few named. Nothing when
 * nothing is due. Inline rather than floating, so it never covers a button or a form; closing it hides it
 * until the next day.
 */
export function ReminderNotice() {
  const t = useT();
  const navigate = useDesk((s) => s.navigate);
  const [shown, setShown] = useState<Reminders | null>(null);
  const shownFor = useRef<string | null>(null);

  useEffect(() => {
    let alive = true;
    const check = async () => {
      let r: Reminders;
      try {
        r = await useDesk.getState().dueReminders();
      } catch {
        return; // asked again on the next check
      }
      if (!alive || r.today === shownFor.current) return;
      shownFor.current = r.today;
      setShown(r.overdue.length + r.dueSoon.length > 0 ? r : null);
    };
    void check();
    const timer = window.setInterval(() => void check(), CHECK_MS);
    const onFocus = () => void check();
    // Only when shown again: a reload hides the page first, and asking then kept the store busy while the new page loaded (issue 11).
    const onShown = () => {
      if (document.visibilityState === 'visible') void check();
    };
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onShown);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onShown);
    };
  }, []);

  if (!shown) return null;
  const counts = [
    ...(shown.overdue.length > 0 ? [t('reminders.overdue', { count: shown.overdue.length })] : []),
    ...(shown.dueSoon.length > 0 ? [t('reminders.dueSoon', { count: shown.dueSoon.length })] : []),
  ];
  const urgent = [...shown.overdue, ...shown.dueSoon];
  const when = (i: ReminderItem) =>
    i.urgency === 'overdue' ? t('reminders.late', { days: i.days }) : i.days === 0 ? t('reminders.today') : t('reminders.left', { days: i.days });
  return (
    <Alert
      type={shown.overdue.length > 0 ? 'warning' : 'info'}
      showIcon
      closable={{ 'aria-label': t('reminders.close') }}
      onClose={() => setShown(null)}
      style={{ marginBottom: 12 }}
      data-testid="reminders-notice"
      data-today={shown.today}
      title={
        <span data-testid="reminders-counts">{t('reminders.heading', { title: t('reminders.title'), counts: counts.join(t('reminders.countsJoin')) })}</span>
      }
      description={
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {urgent.slice(0, LISTED).map((i, n) => (
            <span key={`${i.kind}-${i.id}`} data-testid="reminder-item" data-kind={i.kind} data-urgency={i.urgency}>
              {n > 0 ? t('reminders.itemsJoin') : ''}
              {t('reminders.item', { kind: t(`reminders.kind.${i.kind}`), project: i.projectName, title: i.title, when: when(i) })}
            </span>
          ))}
          {urgent.length > LISTED ? t('reminders.more', { count: urgent.length - LISTED }) : ''}
        </Typography.Text>
      }
      action={
        <Button
          size="small"
          data-testid="reminders-open"
          onClick={() => {
            setShown(null);
            navigate({ screen: 'week' });
          }}
        >
          {t('reminders.open')}
        </Button>
      }
    />
  );
}
