import { Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useBureauT } from '../store';
import { AssignPanel } from './AssignPanel';
import { ImportPanel } from './ImportPanel';

/** 项目清单与任务下发: the master list in (previewed, every wrong row shown), assignments out. */
export function MasterScreen() {
  const t = useBureauT();
  const [tab, setTab] = useState<'import' | 'assign'>('import');
  return (
    <div data-testid="bureau-master-screen">
      <Typography.Title level={3} style={{ margin: '4px 0 8px' }}>
        {t('bureauMaster.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as 'import' | 'assign')}
        items={[
          {
            key: 'import',
            label: <span data-testid="master-tab-import">{t('bureauMaster.tab.import')}</span>,
            children: <ImportPanel onAssign={() => setTab('assign')} />,
          },
          { key: 'assign', label: <span data-testid="master-tab-assign">{t('bureauMaster.tab.assign')}</span>, children: <AssignPanel /> },
        ]}
      />
    </div>
  );
}
