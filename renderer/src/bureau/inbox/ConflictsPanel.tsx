import { Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BureauConflict } from '@shared/operations/bureau-inbox';
import { localDateTime } from '@shared/rules';
import type { MessageKey, Translate } from '../../i18n';
import { useLoadOnOpen } from '../../components/use-load-on-open';
import { Clipped, LoadFailed } from '../cells';
import { useBureau, useBureauT, useBureauZone } from '../store';

/** Fields a clerk reads by name; the rest keep their record name. */
const NAMED_FIELDS = new Set(
  'summary findings followUps participants visitedOn description amount month note status recordedAt recordedBy kind category action'.split(' '),
);
const fieldName = (t: Translate, field: string) => (NAMED_FIELDS.has(field) ? t(`bureauInbox.field.${field}` as MessageKey) : field);
/** Codes in the vocabulary's words (a visit's kind, a problem's category, step and status); moments on the district's clock. */
const CODE_WORDS: Record<string, string> = { kind: 'visits.kind', category: 'problem.category', action: 'problem.action', status: 'problem.status' };
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function shownValue(t: Translate, zone: string, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  const text = String(v);
  const prefix = CODE_WORDS[field];
  if (prefix) {
    const words = t(`${prefix}.${text}` as MessageKey);
    return words.startsWith(prefix) ? text : words;
  }
  return MOMENT.test(text) ? localDateTime(text, zone) : text;
}

interface FieldRow {
  field: string;
  inForce: string;
  arrived: string;
  differs: boolean;
}

/** The two versions side by side, field by field, the fields that differ first and marked. */
function fieldRows(c: BureauConflict, t: Translate, zone: string): FieldRow[] {
  const fields = [...new Set([...Object.keys(c.existing), ...Object.keys(c.incoming)])].filter((f) => f !== 'id');
  const shown = (v: unknown, field: string) => shownValue(t, zone, field, v);
  const rows = fields.map((field) => ({ field, inForce: shown(c.existing[field], field), arrived: shown(c.incoming[field], field) }));
  return (
    rows
      .map((r) => ({ ...r, differs: r.inForce !== r.arrived }))
      // An id the two versions share (its project, problem, task) is named above; one that differs stays.
      .filter((r) => r.differs || !r.field.endsWith('Id'))
      .sort((a, b) => Number(b.differs) - Number(a.differs))
  );
}

function BothVersions({ conflict }: { conflict: BureauConflict }) {
  const t = useBureauT();
  const zone = useBureauZone();
  const columns: TableColumnsType<FieldRow> = [
    { title: t('bureauInbox.conflicts.field'), key: 'field', width: 130, render: (_, r) => fieldName(t, r.field) },
    { title: t('bureauInbox.conflicts.inForce'), dataIndex: 'inForce', key: 'inForce' },
    { title: t('bureauInbox.conflicts.arrived'), dataIndex: 'arrived', key: 'arrived' },
  ];
  return (
    <Table<FieldRow>
      data-testid="conflict-versions"
      size="small"
      rowKey="field"
      pagination={false}
      columns={columns}
      dataSource={fieldRows(conflict, t, zone)}
      onRow={(r) => ({ style: r.differs ? { background: '#fff1f0' } : undefined, 'data-differs': String(r.differs) }) as React.HTMLAttributes<HTMLElement>}
    />
  );
}

/** 冲突记录: every conflict the bureau keeps, newest first; a row opens both versions. */
export function ConflictsPanel() {
  const t = useBureauT();
  const zone = useBureauZone();
  const { conflicts, error } = useBureau(useShallow((s) => ({ conflicts: s.conflicts, error: s.conflictsError })));
  const { loadConflicts } = useBureau.getState();
  useLoadOnOpen(loadConflicts);
  const columns = useMemo<TableColumnsType<BureauConflict>>(
    () => [
      {
        title: t('bureauInbox.conflicts.kind'),
        key: 'kind',
        width: 150,
        render: (_, c) => (
          <Space size={4} wrap>
            <span>{t(`bureauInbox.entity.${c.entity}` as MessageKey)}</span>
            {c.kind === 'illegal_step' ? (
              <Tag color="orange">{t('bureauInbox.conflicts.illegalStep', { status: t(`problem.status.${String(c.existing.status)}` as MessageKey) })}</Tag>
            ) : null}
          </Space>
        ),
      },
      {
        title: t('bureauInbox.conflicts.project'),
        key: 'project',
        render: (_, c) => (c.project ? <Clipped text={c.project.name} secondary={c.project.code} /> : '—'),
      },
      {
        title: t('bureauInbox.conflicts.from'),
        key: 'from',
        width: 140,
        render: (_, c) => (
          <Clipped text={c.officerName} secondary={c.packetSequence === null ? undefined : t('bureauInbox.packetNo', { n: c.packetSequence })} />
        ),
      },
      {
        title: t('bureauInbox.conflicts.detected'),
        key: 'detected',
        width: 150,
        render: (_, c) => (
          <Clipped
            text={localDateTime(c.detectedAt, zone)}
            secondary={t('bureauInbox.conflicts.changed', { n: fieldRows(c, t, zone).filter((r) => r.differs).length })}
          />
        ),
      },
    ],
    [t, zone],
  );
  if (error) return <LoadFailed error={error} retry={() => void loadConflicts()} />;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="inbox-conflicts">
      <Typography.Title level={4} style={{ margin: '8px 0 0' }}>
        {t('bureauInbox.conflicts.title')}
        {conflicts && conflicts.length > 0 ? (
          <Tag color="red" style={{ marginLeft: 8 }}>
            {conflicts.length}
          </Tag>
        ) : null}
      </Typography.Title>
      <Typography.Text type="secondary">{t('bureauInbox.conflicts.intro')}</Typography.Text>
      <Table<BureauConflict>
        data-testid="inbox-conflicts-table"
        size="small"
        rowKey="id"
        loading={conflicts === null}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={columns}
        dataSource={conflicts ?? []}
        expandable={{ expandedRowRender: (c) => <BothVersions conflict={c} />, expandRowByClick: true }}
        locale={{ emptyText: t('bureauInbox.conflicts.empty') }}
        onRow={(c) => ({ 'data-testid': 'conflict-row', 'data-record-id': c.recordId }) as React.HTMLAttributes<HTMLElement>}
      />
    </Space>
  );
}
