import { Empty, Typography } from 'antd';
import { useBureauT, type BureauScreen } from './store';

/** A screen of issue 12 not built yet: says so, and where the work is done meanwhile. */
export function Coming({ screen }: { screen: BureauScreen }) {
  const t = useBureauT();
  return (
    <div data-testid={`bureau-coming-${screen}`} style={{ paddingTop: 64 }}>
      <Empty
        description={
          <>
            <Typography.Title level={4}>{t('bureauDesk.coming', { screen: t(`bureauDesk.nav.${screen}`) })}</Typography.Title>
            <Typography.Paragraph type="secondary" style={{ maxWidth: 560, margin: '0 auto' }}>
              {t('bureauDesk.coming.detail')}
            </Typography.Paragraph>
          </>
        }
      />
    </div>
  );
}
