import { Alert, Checkbox, Col, Collapse, Row, Space, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { OperationOutput } from '@shared/operations';
import { useMemo, type ReactNode } from 'react';
import { useBureauT } from '../store';
import { shownValue } from './master-text';

type Preview = OperationOutput<'bureau.master.preview'>;
type Summary = NonNullable<Preview['summary']>;
type Change = Summary['projects'][number]['change'];
type FieldRow = { key: string; code: string; name: string; field: string; before: string; after: string; first: boolean; span: number };

const CHANGE_COLOR: Record<Change, string> = { added: 'green', updated: 'blue', unchanged: 'default', withdrawn: 'red', restored: 'purple' };
const SHOWN: readonly Change[] = ['added', 'updated', 'withdrawn', 'restored'];

/**
 * What importing a list would do: the counts, then a table per kind of change (added, updated field by field with
 * the value before and after, withdrawn, restored), the officers it registers and the columns it ignores. A list
 * that withdraws most projects says so in red and asks for the confirmation (`confirmed`).
 */
export function ImportPreview({ preview, confirmed, onConfirm }: { preview: Preview; confirmed: boolean; onConfirm(v: boolean): void }) {
  const t = useBureauT();
  const summary = preview.summary!;
  const byChange = useMemo(() => {
    const map = new Map<Change, Summary['projects']>();
    for (const p of summary.projects) map.set(p.change, [...(map.get(p.change) ?? []), p]);
    return map;
  }, [summary]);

  // Updated fields, one row each, the project's code and name spanning its fields' rows.
  const fieldRows = useMemo(
    () =>
      // Restored projects (their archive stamp cleared) are listed by themselves.
      preview.updates
        .filter((u) => !u.fields.some((f) => f.field === 'archivedAt'))
        .flatMap((u) =>
          u.fields.map((f, i): FieldRow => ({ key: `${u.code}:${f.field}`, code: u.code, name: u.name, ...f, first: i === 0, span: u.fields.length })),
        ),
    [preview.updates],
  );
  const span = (r: FieldRow) => ({ rowSpan: r.first ? r.span : 0 });
  const fieldColumns = useMemo<TableColumnsType<FieldRow>>(
    () => [
      { title: t('bureauMaster.preview.code'), dataIndex: 'code', width: 130, onCell: span },
      { title: t('bureauMaster.preview.name'), dataIndex: 'name', width: 240, onCell: span },
      { title: t('bureauMaster.preview.field'), key: 'field', width: 200, render: (_, r) => t(`bureauMaster.field.${r.field}` as never) },
      {
        title: t('bureauMaster.preview.before'),
        key: 'before',
        render: (_, r) => <Typography.Text delete>{shownValue(t, r.field, r.before)}</Typography.Text>,
      },
      { title: t('bureauMaster.preview.after'), key: 'after', render: (_, r) => <Typography.Text strong>{shownValue(t, r.field, r.after)}</Typography.Text> },
    ],
    [t],
  );
  const projectColumns = useMemo<TableColumnsType<Summary['projects'][number]>>(
    () => [
      { title: t('bureauMaster.preview.code'), dataIndex: 'code', width: 130 },
      { title: t('bureauMaster.preview.name'), dataIndex: 'name' },
    ],
    [t],
  );

  const projectsOf = (change: Change) => (
    <Table
      rowKey="code"
      size="small"
      columns={projectColumns}
      dataSource={byChange.get(change) ?? []}
      pagination={false}
      scroll={{ y: 320 }}
      onRow={() => ({ 'data-testid': `master-preview-${change}-row` }) as React.HTMLAttributes<HTMLElement>}
    />
  );
  const panels: { key: string; label: ReactNode; children: ReactNode }[] = [];
  for (const change of SHOWN) {
    const n = summary[change];
    if (n === 0) continue;
    panels.push({
      key: change,
      label: (
        <Space>
          <Tag color={CHANGE_COLOR[change]}>{t(`bureauMaster.preview.${change}`)}</Tag>
          {n}
        </Space>
      ),
      children:
        change === 'updated' ? (
          <Table<FieldRow> rowKey="key" size="small" bordered columns={fieldColumns} dataSource={fieldRows} pagination={false} scroll={{ y: 360 }} />
        ) : (
          <>
            {change === 'withdrawn' ? <Alert type="warning" showIcon title={t('bureauMaster.preview.withdrawnNote')} style={{ marginBottom: 8 }} /> : null}
            {projectsOf(change)}
          </>
        ),
    });
  }
  if (summary.officersCreated.length > 0) {
    panels.push({
      key: 'officers',
      label: (
        <Space>
          <Tag color="cyan">{t('bureauMaster.preview.officersCreated')}</Tag>
          {summary.officersCreated.length}
        </Space>
      ),
      children: (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={summary.officersCreated}
          columns={[
            { title: t('bureauMaster.preview.officer'), dataIndex: 'name', width: 160 },
            { title: t('bureauMaster.preview.unit'), dataIndex: 'unit' },
          ]}
        />
      ),
    });
  }

  const counts: Change[] = ['added', 'updated', 'unchanged', 'withdrawn', 'restored'];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="master-preview">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('bureauMaster.preview.title')}
        <Typography.Text type="secondary" style={{ marginLeft: 12, fontWeight: 'normal' }}>
          {t('bureauMaster.preview.rows', { n: summary.rows })}
        </Typography.Text>
      </Typography.Title>
      <Row gutter={16}>
        {counts.map((c) => (
          <Col key={c} flex="1">
            <Statistic
              title={t(`bureauMaster.preview.${c}`)}
              value={summary[c]}
              data-testid={`master-count-${c}`}
              valueStyle={c === 'withdrawn' && summary[c] > 0 ? { color: '#cf1322' } : undefined}
            />
          </Col>
        ))}
        <Col flex="1">
          <Statistic title={t('bureauMaster.preview.officersCreated')} value={summary.officersCreated.length} data-testid="master-count-officers" />
        </Col>
      </Row>
      {preview.withdrawsMost ? (
        <Alert
          type="error"
          showIcon
          data-testid="master-withdraws-most"
          title={<strong>{t('bureauMaster.preview.mostTitle', { withdrawn: summary.withdrawn, active: preview.active })}</strong>}
          description={
            <Space orientation="vertical">
              {t('bureauMaster.preview.mostDetail')}
              <Checkbox checked={confirmed} onChange={(e) => onConfirm(e.target.checked)} data-testid="master-withdraws-most-confirm">
                {t('bureauMaster.preview.mostConfirm', { withdrawn: summary.withdrawn })}
              </Checkbox>
            </Space>
          }
        />
      ) : null}
      {summary.ignoredColumns.length > 0 ? (
        <Alert type="info" showIcon title={t('bureauMaster.preview.ignoredColumns', { columns: summary.ignoredColumns.join('、') })} />
      ) : null}
      {panels.length === 0 ? (
        <Alert type="success" showIcon title={t('bureauMaster.preview.nothing')} />
      ) : (
        <Collapse items={panels} defaultActiveKey={panels.slice(0, 2).map((p) => p.key)} size="small" />
      )}
    </Space>
  );
}
