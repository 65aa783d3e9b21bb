import { Alert, Space, Table, type TableColumnsType } from 'antd';
import type { MasterListIssue } from '@shared/bureau/master-issues';
import { useMemo } from 'react';
import { useBureauT } from '../store';
import { issueRow, issueText } from './master-text';

type Row = MasterListIssue & { key: number };

/** Every wrong row of a list, by row and column, with what to fix: nothing was imported. */
export function IssueTable({ issues }: { issues: readonly MasterListIssue[] }) {
  const t = useBureauT();
  const rows = useMemo(() => issues.map((issue, key) => ({ ...issue, key })), [issues]);
  const columns = useMemo<TableColumnsType<Row>>(
    () => [
      { title: t('bureauMaster.issues.row'), key: 'row', width: 110, render: (_, r) => <span data-testid="master-issue-row">{issueRow(t, r)}</span> },
      { title: t('bureauMaster.issues.column'), key: 'column', width: 200, render: (_, r) => <span data-testid="master-issue-column">{r.column || '—'}</span> },
      { title: t('bureauMaster.issues.problem'), key: 'text', render: (_, r) => <span data-testid="master-issue-text">{issueText(t, r)}</span> },
    ],
    [t],
  );
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="master-issues">
      <Alert type="error" showIcon title={<strong>{t('bureauMaster.issues.title', { n: issues.length })}</strong>} description={t('bureauMaster.issues.fix')} />
      <Table<Row>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        onRow={() => ({ 'data-testid': 'master-issue' }) as React.HTMLAttributes<HTMLElement>}
      />
    </Space>
  );
}
