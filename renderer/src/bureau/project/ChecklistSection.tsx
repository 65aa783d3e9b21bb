import { Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { BureauProjectPage } from '@shared/operations/bureau-project';
import { localDateTime } from '@shared/rules';
import { useBureauFormat, useBureauT, useBureauZone } from '../store';
import { ReceivedFile } from './ReceivedFile';

type Item = BureauProjectPage['checklist'][number];

/**
 * The checklist (清单) with its close-offs (销号): each task's due day and state, who closed it off when, the
 * evidence and its file, and every close-off and reopening received (nothing silently disappears).
 */
export function ChecklistSection({ items }: { items: readonly Item[] }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const zone = useBureauZone();
  if (items.length === 0) return <Empty description={t('bureauProject.checklist.none')} />;
  const columns: ColumnsType<Item> = [
    { title: t('col.stage'), key: 'stage', width: 110, render: (_, c) => t(`stage.${c.stage}`) },
    {
      title: t('checklist.col.title'),
      key: 'title',
      render: (_, c) => (
        <>
          {c.title} {c.origin === 'officer' ? <Tag>{t('checklist.origin.officer')}</Tag> : null}
        </>
      ),
    },
    { title: t('checklist.col.due'), key: 'due', width: 130, render: (_, c) => f.date(c.dueOn) },
    {
      title: t('checklist.col.status'),
      key: 'status',
      width: 110,
      render: (_, c) =>
        c.closedOff ? <Tag color="green">{t('checklist.status.closed')}</Tag> : <Tag color={c.overdue ? 'red' : undefined}>{t('checklist.status.open')}</Tag>,
    },
    {
      title: t('checklist.col.closeOff'),
      key: 'closeOff',
      width: 360,
      render: (_, c) =>
        c.closedOff ? (
          <Space orientation="vertical" size={4}>
            <Typography.Text>{t('checklist.closedBy', { date: f.date(c.closedOffOn), by: c.closedOffBy ?? '' })}</Typography.Text>
            {c.evidence ? <Typography.Text type="secondary">{t('checklist.evidence', { text: c.evidence })}</Typography.Text> : null}
            {c.files.length > 0 ? (
              <Space wrap data-testid="checklist-evidence-files">
                {c.files.map((file) => (
                  <ReceivedFile key={file.id} file={file} size={48} />
                ))}
              </Space>
            ) : null}
          </Space>
        ) : null,
    },
    {
      title: t('checklist.history'),
      key: 'history',
      width: 300,
      render: (_, c) =>
        c.events.length === 0 ? (
          <Typography.Text type="secondary">{t('checklist.history.none')}</Typography.Text>
        ) : (
          [...c.events].reverse().map((e) => (
            <Typography.Text key={e.id} type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {`${t(`checklist.event.${e.action}`)} · ${t(`checklist.event.on.${e.action}`, { date: f.date(e.effectiveOn) })} · `}
              {t('checklist.event.recorded', { by: e.recordedBy, when: localDateTime(e.recordedAt, zone) })}
            </Typography.Text>
          ))
        ),
    },
  ];
  return (
    <Table<Item>
      size="small"
      rowKey="id"
      pagination={false}
      columns={columns}
      dataSource={items}
      data-testid="bureau-checklist"
      onRow={(c) => ({ 'data-testid': 'bureau-checklist-row', 'data-closed': c.closedOff ? 'true' : 'false' }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}
