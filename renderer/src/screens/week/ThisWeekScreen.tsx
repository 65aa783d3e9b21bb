import { Empty, Typography } from 'antd';
import { useT } from '../../store';

/** Placeholder until this screen is built. */
export function ThisWeekScreen() {
  const t = useT();
  return (
    <div>
      <Typography.Title level={3}>{t('nav.week')}</Typography.Title>
      <Empty />
    </div>
  );
}
