import { Empty, Tag, Timeline, Typography } from 'antd';
import type { MilestoneView } from '@shared/operations';
import { daysBetween, localDateTime } from '@shared/rules';
import type { MessageKey } from '../../i18n';
import { useBureauFormat, useBureauT, useBureauZone } from '../store';

/** Where a milestone stands on `today`: its dot's colour and the words of its tag. */
function standing(m: MilestoneView, today: string): { color: string; key: MessageKey; days: number } {
  if (m.reachedOn) {
    const late = daysBetween(m.plannedOn, m.reachedOn);
    return late > 0
      ? { color: 'orange', key: 'milestone.late', days: late }
      : { color: 'green', key: late < 0 ? 'milestone.early' : 'milestone.onTime', days: -late };
  }
  const left = daysBetween(today, m.plannedOn);
  if (left < 0) return { color: 'red', key: 'milestone.overdue', days: -left };
  return { color: 'gray', key: left === 0 ? 'milestone.dueToday' : 'milestone.dueIn', days: left };
}

/**
 * The wall chart (挂图作战) as the bureau reads it: the plan's milestones in date order with the day of the page
 * among them, each planned against reached, and every report the officer sent (the latest in force, earlier ones
 * struck through). Read-only: a milestone is reported by the officer.
 */
export function WallChart({ milestones, today }: { milestones: readonly MilestoneView[]; today: string }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const zone = useBureauZone();
  if (milestones.length === 0) return <Empty description={t('bureauProject.milestones.none')} />;
  const ordered = [...milestones].sort((a, b) => a.plannedOn.localeCompare(b.plannedOn) || a.sortOrder - b.sortOrder);
  const items = ordered.map((m) => {
    const s = standing(m, today);
    return {
      key: m.id,
      color: s.color,
      content: (
        <div data-testid="bureau-milestone" data-kind={m.kind} data-reached={m.reachedOn ? 'true' : 'false'}>
          <Typography.Text strong>{m.title}</Typography.Text> <Tag color={s.color === 'gray' ? undefined : s.color}>{t(s.key, { days: s.days })}</Tag>
          <div>
            <Typography.Text type="secondary">{t('milestone.planned', { date: f.date(m.plannedOn) })}</Typography.Text>
            {' · '}
            {m.reachedOn ? (
              <Typography.Text type="success">{t('milestone.actual', { date: f.date(m.reachedOn) })}</Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('milestone.pending')}</Typography.Text>
            )}
          </div>
          {[...m.reports].reverse().map((r, i) => (
            <Typography.Text key={r.id} type="secondary" delete={i > 0} style={{ display: 'block', fontSize: 12 }}>
              {t('milestone.history.entry', { date: f.date(r.reachedOn), by: r.recordedBy, when: localDateTime(r.recordedAt, zone) })}
              {r.note ? ` — ${r.note}` : ''}
            </Typography.Text>
          ))}
        </div>
      ),
    };
  });
  const at = ordered.findIndex((m) => m.plannedOn > today);
  items.splice(at === -1 ? items.length : at, 0, {
    key: 'today',
    color: 'red',
    content: (
      <Typography.Text strong type="danger" data-testid="bureau-today-marker">
        {t('milestone.today', { date: f.date(today) })}
      </Typography.Text>
    ),
  });
  return <Timeline data-testid="bureau-wall-chart" items={items} />;
}
