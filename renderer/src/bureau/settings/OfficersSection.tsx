import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Collapse, Space, Spin, Table, Tag, Typography, type ButtonProps, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useLoadOnOpen } from '../../components/use-load-on-open';
import { Clipped, LoadFailed } from '../cells';
import { callBureau } from '../client';
import type { KeyOfficer, VoidedRecord } from '../slices/settings-slice';
import { useBureau, useBureauT, useBureauZone } from '../store';
import { localDateTime } from '@shared/rules';
import type { MessageKey } from '../../i18n';
import { AcceptKeyDialog, AddOfficerDialog, KeyFileDialog } from './OfficerDialogs';
import { settingsErrorText } from './settings-error';

type Pending = KeyOfficer['pendingKeys'][number];
type Dialog = { kind: 'add' } | { kind: 'accept'; officer: KeyOfficer; pending: Pending } | { kind: 'keyFile'; officer: KeyOfficer } | null;

const mono = { fontFamily: 'monospace', fontSize: 12 } as const;

/** The key an officer has in force, and how it came to be trusted. */
function KeyCell({ officer }: { officer: KeyOfficer }) {
  const t = useBureauT();
  if (!officer.keyFingerprint) return <Tag>{t('bureauSettings.officers.key.none')}</Tag>;
  const how = officer.keyConfirmed === 'file' ? 'file' : officer.keyConfirmed === 'read_back' ? 'readBack' : 'firstPacket';
  return (
    <Space orientation="vertical" size={2}>
      <Tag color={how === 'firstPacket' ? 'gold' : 'green'}>{t(`bureauSettings.officers.key.${how}`)}</Tag>
      <Typography.Text type="secondary" style={mono}>
        {officer.keyFingerprint}
      </Typography.Text>
    </Space>
  );
}

/** 帮包责任人与公钥: every officer with their key, the keys waiting for a read-back, and the records voided with a key. */
export function OfficersSection() {
  const t = useBureauT();
  const zone = useBureauZone();
  const { modal, message } = AntApp.useApp();
  const data = useBureau((s) => s.officerKeys);
  const error = useBureau((s) => s.officerKeysError);
  const { loadOfficerKeys } = useBureau.getState();
  useLoadOnOpen(loadOfficerKeys);
  const [dialog, setDialog] = useState<Dialog>(null);

  const reject = (officer: KeyOfficer, pending: Pending) =>
    modal.confirm({
      title: t('bureauSettings.reject.title'),
      width: 560,
      content: t('bureauSettings.reject.body', { fingerprint: pending.fingerprint, n: pending.packets, name: officer.name }),
      okText: t('bureauSettings.reject.ok'),
      cancelText: t('bureauSettings.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'reject-key-ok' } as ButtonProps,
      onOk: async () => {
        try {
          const r = await callBureau('bureau.officers.rejectKey', { officer: officer.id, fingerprint: pending.fingerprint });
          message.success(t('bureauSettings.rejected', { n: r.rejectedPackets }));
        } catch (e) {
          message.error(settingsErrorText(t, e));
        }
      },
    });

  const columns = useMemo<TableColumnsType<KeyOfficer>>(
    () => [
      { title: t('bureauSettings.officers.name'), key: 'name', width: 130, render: (_, o) => <Clipped text={o.name} secondary={o.phone || undefined} /> },
      { title: t('bureauSettings.officers.unit'), key: 'unit', width: 160, render: (_, o) => <Clipped text={o.unit} /> },
      { title: t('bureauSettings.officers.projects'), key: 'projects', width: 64, align: 'right', render: (_, o) => o.projects },
      { title: t('bureauSettings.officers.key'), key: 'key', width: 230, render: (_, o) => <KeyCell officer={o} /> },
      {
        title: t('bureauSettings.officers.pending'),
        key: 'pending',
        width: 250,
        render: (_, o) => (
          <Space orientation="vertical" size={6} data-testid="officer-pending">
            {o.pendingKeys.map((p) => (
              <Space key={p.fingerprint} orientation="vertical" size={2}>
                <Tag color="orange">{t('bureauSettings.officers.pendingPackets', { n: p.packets })}</Tag>
                <Typography.Text style={mono}>{p.fingerprint}</Typography.Text>
                <Space size={4}>
                  <Button size="small" type="primary" onClick={() => setDialog({ kind: 'accept', officer: o, pending: p })} data-testid="accept-key-open">
                    {t('bureauSettings.officers.accept')}
                  </Button>
                  <Button size="small" danger onClick={() => reject(o, p)} data-testid="reject-key-open">
                    {t('bureauSettings.officers.reject')}
                  </Button>
                </Space>
              </Space>
            ))}
          </Space>
        ),
      },
      { title: t('bureauSettings.officers.packets'), key: 'packets', width: 90, align: 'right', render: (_, o) => o.packetsReceived },
      {
        title: t('bureauSettings.officers.actions'),
        key: 'actions',
        width: 110,
        render: (_, o) => (
          <Button size="small" onClick={() => setDialog({ kind: 'keyFile', officer: o })} data-testid="key-file-open">
            {o.keyFingerprint ? t('bureauSettings.officers.replaceKey') : t('bureauSettings.officers.registerKey')}
          </Button>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `reject` reads the same t and app
    [t],
  );

  if (error && !data) return <LoadFailed error={error} retry={() => void loadOfficerKeys()} />;
  if (!data) return <Spin />;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('bureauSettings.officers.intro')}
      </Typography.Paragraph>
      <Button icon={<PlusOutlined />} type="primary" onClick={() => setDialog({ kind: 'add' })} data-testid="add-officer-open">
        {t('bureauSettings.officers.add')}
      </Button>
      <Table<KeyOfficer>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data.officers}
        pagination={false}
        scroll={{ x: 1034, y: 420 }}
        locale={{ emptyText: t('bureauSettings.officers.empty') }}
        data-testid="officer-keys"
      />
      <VoidedRecords rows={data.voided} officers={data.officers} zone={zone} />
      {dialog?.kind === 'add' ? <AddOfficerDialog open onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'accept' ? <AcceptKeyDialog officer={dialog.officer} pending={dialog.pending} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'keyFile' ? <KeyFileDialog officer={dialog.officer} onClose={() => setDialog(null)} /> : null}
    </Space>
  );
}

/** The records set aside when their packets' key was replaced or rejected: kept, never counted. */
function VoidedRecords({ rows, officers, zone }: { rows: VoidedRecord[]; officers: KeyOfficer[]; zone: string }) {
  const t = useBureauT();
  const names = new Map(officers.map((o) => [o.id, o.name]));
  const recordWord = (entity: string) => {
    const key = `bureauSettings.entity.${entity}` as MessageKey;
    const word = t(key);
    return word === key ? entity : word;
  };
  const columns: TableColumnsType<VoidedRecord> = [
    { title: t('bureauSettings.officers.name'), key: 'officer', width: 110, render: (_, r) => (r.officerId ? (names.get(r.officerId) ?? r.officerId) : '—') },
    {
      title: t('bureauSettings.voided.entity'),
      key: 'entity',
      render: (_, r) => (
        <Clipped text={`${recordWord(r.entity)}${r.kind === 'conflict' ? ` · ${t('bureauSettings.voided.conflict')}` : ''}`} secondary={r.recordId} />
      ),
    },
    {
      title: t('bureauSettings.voided.reason'),
      key: 'reason',
      width: 120,
      render: (_, r) => (r.reason === 'key_replaced' || r.reason === 'key_rejected' ? t(`bureauSettings.voided.${r.reason}`) : r.reason),
    },
    { title: t('bureauSettings.voided.at'), key: 'at', width: 150, render: (_, r) => localDateTime(r.voidedAt, zone) },
  ];
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'voided',
          label: t('bureauSettings.voided.title', { n: rows.length }),
          children: (
            <Table<VoidedRecord>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={rows}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              locale={{ emptyText: t('bureauSettings.voided.none') }}
            />
          ),
        },
      ]}
    />
  );
}
