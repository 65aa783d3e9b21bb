import { List, Space, Tag, Typography } from 'antd';
import type { AssignmentChanges } from '@shared/operations/sync';
import type { MessageKey } from '../../i18n';
import { zhCN } from '../../i18n/catalog';
import { useFormat, useT } from '../../store';

/** What an assignment will change, group by group, before the officer confirms. */
export function AssignmentChangesView({ changes }: { changes: AssignmentChanges }) {
  const t = useT();
  const f = useFormat();
  // The master list's words for a changed field; a field this version does not know is shown as it came.
  const fieldLabel = (field: string) => {
    const key = `projectField.${field}`;
    return Object.hasOwn(zhCN, key) ? t(key as MessageKey) : field;
  };
  const groups: { key: MessageKey; color: string; items: string[] }[] = [
    { key: 'sync.preview.projectsAdded', color: 'green', items: changes.projects.added.map((p) => `${p.code} ${p.name}`) },
    {
      key: 'sync.preview.projectsUpdated',
      color: 'blue',
      items: changes.projects.updated.map((p) => `${p.code} ${p.name}（${p.fields.map(fieldLabel).join('、')}）`),
    },
    { key: 'sync.preview.projectsWithdrawn', color: 'red', items: changes.projects.withdrawn.map((p) => `${p.code} ${p.name}`) },
    { key: 'sync.preview.projectsRestored', color: 'green', items: changes.projects.restored.map((p) => `${p.code} ${p.name}`) },
    { key: 'sync.preview.checklistAdded', color: 'green', items: changes.checklist.added.map((c) => `${c.projectCode} ${c.title}（${f.date(c.dueOn)}）`) },
    {
      key: 'sync.preview.checklistRedated',
      color: 'orange',
      items: changes.checklist.redated.map((c) => `${c.projectCode} ${c.title}：${f.date(c.previousDueOn)} → ${f.date(c.dueOn)}`),
    },
    { key: 'sync.preview.checklistWithdrawn', color: 'red', items: changes.checklist.withdrawn.map((c) => `${c.projectCode} ${c.title}`) },
    { key: 'sync.preview.problemsAdded', color: 'green', items: changes.problems.added.map((p) => `${p.projectCode} ${p.description}`) },
    { key: 'sync.preview.problemsUpdated', color: 'blue', items: changes.problems.updated.map((p) => `${p.projectCode} ${p.description}（+${p.newEvents}）`) },
    { key: 'sync.preview.conflicts', color: 'red', items: changes.conflicts.map((c) => `${c.entity} ${c.label}`) },
  ];
  const shown = groups.filter((g) => g.items.length > 0);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="assignment-changes">
      {shown.length === 0 ? <Typography.Text>{t('sync.preview.nothing')}</Typography.Text> : null}
      {shown.map((g) => (
        <div key={g.key}>
          <Tag color={g.color}>
            {t(g.key)} · {g.items.length}
          </Tag>
          <List size="small" dataSource={g.items.slice(0, 50)} renderItem={(line) => <List.Item style={{ paddingBlock: 2 }}>{line}</List.Item>} />
          {g.items.length > 50 ? <Typography.Text type="secondary">…</Typography.Text> : null}
        </div>
      ))}
      {changes.projects.unchanged > 0 ? (
        <Typography.Text type="secondary">{t('sync.preview.unchanged', { count: changes.projects.unchanged })}</Typography.Text>
      ) : null}
      {changes.acknowledgement.weeklySequence > 0 ? (
        <Typography.Text>
          {t('sync.preview.ack', {
            sequence: changes.acknowledgement.weeklySequence,
            packets: changes.acknowledgement.packetsNewlyAcknowledged,
            changes: changes.acknowledgement.changesNewlyReceived,
          })}
        </Typography.Text>
      ) : null}
    </Space>
  );
}
