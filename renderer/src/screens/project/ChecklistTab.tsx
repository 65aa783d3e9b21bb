import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Collapse, Empty, Flex, Segmented, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState, type HTMLAttributes, type Key } from 'react';
import { LIFE_CYCLE_STAGES, type Attachment, type LifeCycleStage } from '@shared/domain';
import type { ChecklistItemView, ProjectDetail } from '@shared/operations';
import { daysOverdue } from '@shared/rules';
import { transportKind } from '../../api/client';
import { attachmentUrl } from '../../api/transport';
import { CloseOffModal, ReopenModal, useToday } from '../../components/ChecklistForms';
import { useDateTime } from '../../components/date-time';
import { PhotoThumb } from '../../components/PhotoThumb';
import { useDesk, useFormat, useT } from '../../store';

type Filter = 'all' | 'open' | 'overdue';

/** An evidence file: an image opens in the preview, a PDF in whatever the system opens PDFs with. */
function EvidenceFile({ attachment }: { attachment: Attachment }) {
  const t = useT();
  const full = attachmentUrl(transportKind, attachment.fileName);
  if (attachment.mimeType.startsWith('image/')) {
    return <PhotoThumb photo={attachment} width={48} height={48} alt={t('checklist.attachment')} testId="evidence-image" />;
  }
  return (
    <a href={full} target="_blank" rel="noreferrer" data-testid="evidence-pdf">
      <FilePdfOutlined /> {t('checklist.attachment.pdf')}
    </a>
  );
}

function History({ item, attachments }: { item: ChecklistItemView; attachments: Record<string, Attachment> }) {
  const t = useT();
  const f = useFormat();
  const when = useDateTime();
  if (item.events.length === 0) return <Typography.Text type="secondary">{t('checklist.history.none')}</Typography.Text>;
  return (
    <div data-testid="checklist-history" style={{ paddingTop: 8 }}>
      <Typography.Text strong>{t('checklist.history')}</Typography.Text>
      <Timeline
        style={{ marginTop: 12 }}
        items={item.events.map((e) => {
          const file = e.attachmentId ? attachments[e.attachmentId] : undefined;
          return {
            key: e.id,
            color: e.action === 'close_off' ? 'green' : 'orange',
            content: (
              <div data-testid="checklist-event" data-action={e.action}>
                <Space wrap size={8}>
                  <Tag color={e.action === 'close_off' ? 'green' : 'orange'}>{t(`checklist.event.${e.action}`)}</Tag>
                  <Typography.Text>{t(`checklist.event.on.${e.action}`, { date: f.date(e.effectiveOn) })}</Typography.Text>
                </Space>
                {e.note ? (
                  <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>
                    {e.action === 'close_off' ? t('checklist.event.evidence', { text: e.note }) : t('checklist.event.reason', { text: e.note })}
                  </div>
                ) : null}
                {file ? (
                  <div style={{ marginTop: 4 }}>
                    <EvidenceFile attachment={file} />
                  </div>
                ) : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('checklist.event.recorded', { by: e.recordedBy, when: when(e.recordedAt) })}
                </Typography.Text>
              </div>
            ),
          };
        })}
      />
    </div>
  );
}

/**
 * The checklist (清单销号): the project's key tasks grouped by life-cycle stage in order, each with its due day and
 * state. Open tasks are closed off with a date, evidence and an optional file; closed ones can be reopened with a
 * reason. Every step is an event in the item's history, which a row expands to show; nothing is deleted.
 */
export function ChecklistTab({ detail }: { detail: ProjectDetail }) {
  const t = useT();
  const f = useFormat();
  const today = useToday();
  const projectId = detail.project.id;
  const [filter, setFilter] = useState<Filter>('all');
  const [closing, setClosing] = useState<ChecklistItemView | null>(null);
  const [reopening, setReopening] = useState<ChecklistItemView | null>(null);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  const loadAttachments = useDesk((s) => s.loadChecklistAttachments);
  const loaded = useDesk((s) => s.checklistAttachments);
  const attachments = loaded?.projectId === projectId ? loaded.byId : {};

  useEffect(() => {
    void loadAttachments(projectId);
  }, [projectId, loadAttachments]);

  const active = detail.checklist.filter((i) => i.withdrawnAt === null);
  const closedCount = active.filter((i) => i.closedOff).length;
  const overdueCount = active.filter((i) => i.overdue).length;

  const byStage = useMemo(() => {
    const map = new Map<LifeCycleStage, ChecklistItemView[]>(LIFE_CYCLE_STAGES.map((s) => [s, []]));
    for (const item of detail.checklist) map.get(item.stage)?.push(item);
    return map;
  }, [detail.checklist]);

  const shown = (item: ChecklistItemView) =>
    filter === 'all' || (filter === 'open' && !item.closedOff && item.withdrawnAt === null) || (filter === 'overdue' && item.overdue);

  const columns: ColumnsType<ChecklistItemView> = [
    {
      title: t('checklist.col.title'),
      dataIndex: 'title',
      render: (_, item) => (
        <Space size={4} wrap>
          <Typography.Text delete={item.withdrawnAt !== null} data-testid="checklist-title">
            {item.title}
          </Typography.Text>
          {item.origin === 'officer' ? <Tag>{t('checklist.origin.officer')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('checklist.col.due'),
      dataIndex: 'dueOn',
      width: 140,
      render: (_, item) => <Typography.Text type={item.overdue ? 'danger' : undefined}>{f.date(item.dueOn)}</Typography.Text>,
    },
    {
      title: t('checklist.col.status'),
      key: 'status',
      width: 130,
      render: (_, item) => {
        if (item.withdrawnAt !== null) return <Tag>{t('checklist.status.withdrawn')}</Tag>;
        if (item.closedOff)
          return (
            <Tag color="green" data-testid="status-closed">
              {t('checklist.status.closed')}
            </Tag>
          );
        if (item.overdue) {
          return (
            <Tag color="red" data-testid="status-overdue">
              {t('checklist.status.overdue', { days: daysOverdue(item.dueOn, true, today) })}
            </Tag>
          );
        }
        return (
          <Tag color="blue" data-testid="status-open">
            {t('checklist.status.open')}
          </Tag>
        );
      },
    },
    {
      title: t('checklist.col.closeOff'),
      key: 'closeOff',
      width: '34%',
      render: (_, item) => {
        if (!item.closedOff) return null;
        const last = item.events.at(-1);
        const file = last?.attachmentId ? attachments[last.attachmentId] : undefined;
        return (
          <Flex gap={8} align="flex-start">
            <div style={{ minWidth: 0, flex: 1 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="closed-by">
                {t('checklist.closedBy', { date: f.date(item.closedOffOn), by: item.closedOffBy ?? '' })}
              </Typography.Text>
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: item.evidence }} style={{ margin: 0 }}>
                {t('checklist.evidence', { text: item.evidence ?? '' })}
              </Typography.Paragraph>
            </div>
            {file ? <EvidenceFile attachment={file} /> : null}
          </Flex>
        );
      },
    },
    {
      title: t('checklist.col.actions'),
      key: 'actions',
      width: 120,
      render: (_, item) => {
        if (item.withdrawnAt !== null || detail.project.archivedAt !== null) return null; // the bureau withdrew it
        return item.closedOff ? (
          <Button size="small" onClick={() => setReopening(item)} data-testid="reopen">
            {t('checklist.action.reopen')}
          </Button>
        ) : (
          <Button size="small" type="primary" onClick={() => setClosing(item)} data-testid="close-off">
            {t('checklist.action.closeOff')}
          </Button>
        );
      },
    },
  ];

  if (detail.checklist.length === 0) return <Empty description={t('checklist.empty')} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="checklist-tab">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Typography.Text data-testid="checklist-summary">
            {t('checklist.summary', { total: active.length, closed: closedCount, open: active.length - closedCount })}
          </Typography.Text>
          {overdueCount > 0 ? <Tag color="red">{t('checklist.summary.overdue', { count: overdueCount })}</Tag> : null}
        </Space>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={(['all', 'open', 'overdue'] as const).map((value) => ({ value, label: t(`checklist.filter.${value}`) }))}
          data-testid="checklist-filter"
        />
      </Flex>
      <Collapse
        defaultActiveKey={LIFE_CYCLE_STAGES.filter((s) => (byStage.get(s) ?? []).length > 0)}
        items={LIFE_CYCLE_STAGES.map((stage, index) => {
          const all = byStage.get(stage) ?? [];
          const live = all.filter((i) => i.withdrawnAt === null);
          const rows = all.filter(shown);
          const late = live.filter((i) => i.overdue).length;
          return {
            key: stage,
            label: (
              <Space wrap data-testid="checklist-stage" data-stage={stage}>
                <Typography.Text strong>
                  {index + 1}. {t(`stage.${stage}`)}
                </Typography.Text>
                {live.length > 0 ? (
                  <Typography.Text type="secondary">
                    {t('checklist.stage.progress', { closed: live.filter((i) => i.closedOff).length, total: live.length })}
                  </Typography.Text>
                ) : null}
                {late > 0 ? <Tag color="red">{t('checklist.summary.overdue', { count: late })}</Tag> : null}
                {stage === detail.project.stage ? <Tag color="purple">{t('checklist.stage.current')}</Tag> : null}
              </Space>
            ),
            children:
              rows.length === 0 ? (
                <Typography.Text type="secondary">{t(all.length === 0 ? 'checklist.stage.empty' : 'checklist.stage.noneMatching')}</Typography.Text>
              ) : (
                <Table<ChecklistItemView>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  columns={columns}
                  dataSource={rows}
                  expandable={{
                    expandedRowKeys: expanded,
                    onExpandedRowsChange: (keys) => setExpanded(keys),
                    expandedRowRender: (item) => <History item={item} attachments={attachments} />,
                  }}
                  onRow={(item) =>
                    ({
                      'data-testid': 'checklist-row',
                      'data-item-id': item.id,
                      style: item.overdue ? { background: '#fff1f0' } : undefined,
                    }) as HTMLAttributes<HTMLElement>
                  }
                />
              ),
          };
        })}
      />
      <CloseOffModal planYear={detail.project.planYear} item={closing} onClose={() => setClosing(null)} />
      <ReopenModal planYear={detail.project.planYear} item={reopening} onClose={() => setReopening(null)} />
    </Space>
  );
}
