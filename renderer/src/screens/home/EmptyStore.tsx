import { InboxOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useDesk, useT } from '../../store';

/**
 * What the home screen shows when the store holds no project at all (a new store without the demo, or one
 * whose first assignment has not come yet): not an empty table but the way to 文件交换, where the bureau's
 * key and the first assignment are imported.
 */
export function EmptyStore() {
  const t = useT();
  const navigate = useDesk((s) => s.navigate);
  return (
    <Result
      data-testid="home-empty-store"
      icon={<InboxOutlined />}
      title={t('home.emptyStore.title')}
      subTitle={t('home.emptyStore.text')}
      extra={
        <Button type="primary" data-testid="home-empty-go-sync" onClick={() => navigate({ screen: 'sync' })}>
          {t('home.emptyStore.go')}
        </Button>
      }
    />
  );
}
