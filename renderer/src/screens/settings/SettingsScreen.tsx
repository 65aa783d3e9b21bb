import { Empty, Typography } from 'antd';
import { useT } from '../../store';

/** Placeholder until this screen is built. */
export function SettingsScreen() {
  const t = useT();
  return (
    <div>
      <Typography.Title level={3}>{t('nav.settings')}</Typography.Title>
      <Empty />
    </div>
  );
}
