import { Empty, Typography } from 'antd';
import { useT } from '../../store';

/** Placeholder until this screen is built. */
export function ProblemLedgerScreen() {
  const t = useT();
  return (
    <div>
      <Typography.Title level={3}>{t('nav.problems')}</Typography.Title>
      <Empty />
    </div>
  );
}
