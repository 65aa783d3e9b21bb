import { Tag } from 'antd';
import { useFormat, useT } from '../store';

/** Ahead (green) or behind (red) the time-proportional schedule, in points. */
export function ProgressTag({ points }: { points: number | null }) {
  const t = useT();
  const f = useFormat();
  if (points === null) return <Tag>{t('progress.noPlan')}</Tag>;
  if (points > 0) return <Tag color="green">{t('progress.ahead', { points: f.points(points) })}</Tag>;
  if (points < 0) return <Tag color="red">{t('progress.behind', { points: f.points(points) })}</Tag>;
  return <Tag color="blue">{t('progress.onSchedule')}</Tag>;
}
