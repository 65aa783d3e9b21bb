import { DownloadOutlined } from '@ant-design/icons';
import { Card, Table, Tag, Typography } from 'antd';
import { localDateTime } from '@shared/rules';
import type { ExportedReport } from '../slices/reports-slice';
import { useBureau, useBureauFormat, useBureauT, useBureauZone } from '../store';

const TAG_COLOR = { ledger: 'green', summary: 'blue', bulletin: 'magenta' } as const;
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** What was exported in this session, newest first: a download link each in the preview, the folder's name in the desktop app. */
export function ExportedList() {
  const t = useBureauT();
  const f = useBureauFormat();
  const zone = useBureauZone();
  const exported = useBureau((s) => s.exported);
  return (
    <Card size="small" title={t('bureauReports.exported')} data-testid="reports-exported">
      <Table<ExportedReport>
        size="small"
        pagination={false}
        rowKey={(r) => `${r.at}-${r.name}`}
        dataSource={exported}
        locale={{ emptyText: t('bureauReports.exported.empty') }}
        onRow={(r) => ({ 'data-testid': `exported-${r.kind}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '', width: 72, render: (_, r) => <Tag color={TAG_COLOR[r.kind]}>{t(`bureauReports.exported.kind.${r.kind}`)}</Tag> },
          {
            title: t('bureauReports.exported.file'),
            render: (_, r) =>
              r.url ? (
                <Typography.Link href={r.url} download={r.name} data-testid="exported-link">
                  <DownloadOutlined /> {r.name}
                </Typography.Link>
              ) : (
                <Typography.Text copyable={{ text: r.path }} title={t('bureauReports.exported.inFolder')}>
                  {r.path}
                </Typography.Text>
              ),
          },
          { title: t('bureauReports.exported.period'), width: 140, render: (_, r) => f.month(r.asOfMonth) },
          { title: t('bureauReports.exported.at'), width: 160, render: (_, r) => localDateTime(r.at, zone) },
          { title: t('bureauReports.exported.size'), width: 90, align: 'right', render: (_, r) => size(r.bytes) },
        ]}
      />
    </Card>
  );
}
