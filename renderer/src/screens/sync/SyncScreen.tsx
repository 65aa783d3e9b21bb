import { Empty, Typography } from 'antd';
import { useT } from '../../store';

/** Placeholder until this screen is built. */
export function SyncScreen() {
  const t = useT();
  return (
    <div>
      <Typography.Title level={3}>{t('nav.sync')}</Typography.Title>
      <Empty />
    </div>
  );
}
