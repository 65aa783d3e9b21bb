import { Alert, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { PhoneOutlined } from '@ant-design/icons';
import { Clipped, LoadFailed, SMALL } from './cells';
import { rollCallRows, thisReportingWeek, type RollCallRow } from './slices/roll-call-slice';
import { useBureau, useBureauT, useBureauZone } from './store';
import { useLoadOnOpen } from '../components/use-load-on-open';
import { useShallow } from 'zustand/react/shallow';

const NOT_SENT_BACKGROUND = '#fff7e6';

/** 报送情况 (roll call), beside the inbox: each officer's last packet and what the bureau acknowledged; who has not sent this week comes first, with the phone to call. */
export function RollCallScreen() {
  const t = useBureauT();
  const zone = useBureauZone();
  const { rollCall: data, rollCallError: error } = useBureau(useShallow((s) => ({ rollCall: s.rollCall, rollCallError: s.rollCallError })));
  const { loadRollCall } = useBureau.getState();
  useLoadOnOpen(loadRollCall);

  const week = useMemo(() => thisReportingWeek(zone), [zone]);
  const rows = useMemo(() => (data ? rollCallRows(data, zone, week) : []), [data, zone, week]);
  const notSent = rows.filter((r) => !r.sentThisWeek).length;

  // Narrow enough to stand beside the inbox: who (with phone, unit, projects and key), what was last sent and acknowledged, this week.
  const columns = useMemo<TableColumnsType<RollCallRow>>(
    () => [
      {
        title: t('bureauDesk.rollCall.officer'),
        key: 'officer',
        render: (_, r) => (
          <div style={{ minWidth: 0 }}>
            <Typography.Text strong>{r.name}</Typography.Text>
            {r.phone ? (
              <Typography.Text style={{ marginLeft: 8 }} data-testid="roll-call-phone" copyable={{ text: r.phone }}>
                <PhoneOutlined style={{ marginRight: 4, color: '#8c8c8c' }} />
                {r.phone}
              </Typography.Text>
            ) : null}
            <Typography.Text type="secondary" style={SMALL} title={r.unit}>
              {`${r.unit} · ${t('bureauDesk.rollCall.projects')} ${r.projects}`}
            </Typography.Text>
            <Space size={4} data-testid="roll-call-key" data-key={r.key} style={{ display: 'flex', minWidth: 0 }}>
              <Tag color={r.key === 'accepted' ? 'green' : r.key === 'pending' ? 'orange' : 'default'} style={{ marginInlineEnd: 0 }}>
                {t(`bureauDesk.rollCall.key.${r.key}`)}
              </Tag>
              {r.fingerprint ? (
                <Typography.Text type="secondary" style={{ ...SMALL, fontFamily: 'monospace', maxWidth: 150 }} title={r.fingerprint}>
                  {r.fingerprint}
                </Typography.Text>
              ) : null}
            </Space>
          </div>
        ),
      },
      {
        title: t('bureauDesk.rollCall.lastPacket'),
        key: 'lastPacket',
        width: 150,
        render: (_, r) => (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            {r.lastPacketSequence === null ? (
              <Typography.Text type="secondary" data-testid="roll-call-last-packet">
                {t('bureauDesk.rollCall.none')}
              </Typography.Text>
            ) : (
              <span data-testid="roll-call-last-packet">
                <Clipped text={t('bureauDesk.rollCall.packetNo', { n: r.lastPacketSequence })} secondary={r.lastPacketAt ?? undefined} />
              </span>
            )}
            {r.lastAssignmentSequence === 0 ? (
              <Typography.Text type="secondary" style={SMALL} data-testid="roll-call-acknowledged">
                {t('bureauDesk.rollCall.noAssignment')}
              </Typography.Text>
            ) : (
              <span data-testid="roll-call-acknowledged" title={t('bureauDesk.rollCall.acknowledged')}>
                <Clipped
                  text={t('bureauDesk.rollCall.assignmentNo', { n: r.lastAssignmentSequence, ack: r.acknowledgedSequence ?? 0 })}
                  secondary={r.lastAssignmentAt ?? undefined}
                />
              </span>
            )}
          </Space>
        ),
      },
      {
        title: t('bureauDesk.rollCall.thisWeek'),
        key: 'thisWeek',
        width: 84,
        render: (_, r) => (
          <Tag color={r.sentThisWeek ? 'green' : 'red'} data-testid="roll-call-sent" data-sent={String(r.sentThisWeek)}>
            {t(r.sentThisWeek ? 'bureauDesk.rollCall.sent' : 'bureauDesk.rollCall.notSent')}
          </Tag>
        ),
      },
    ],
    [t],
  );

  if (error) return <LoadFailed error={error} retry={() => void loadRollCall()} />;
  return (
    <Space orientation="vertical" size="small" style={{ width: '100%' }} data-testid="bureau-roll-call-screen">
      <Typography.Title level={3} style={{ margin: '4px 0 0' }}>
        {t('bureauDesk.rollCall.title')}
      </Typography.Title>
      {data ? (
        <Alert
          type={notSent > 0 ? 'warning' : 'success'}
          showIcon
          data-testid="roll-call-not-sent"
          title={
            <>
              <strong>{t('bureauDesk.rollCall.notSentCount', { n: notSent })}</strong>
              <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                {t('bureauDesk.rollCall.week', { from: week.from, to: week.to, total: rows.length })}
              </Typography.Text>
            </>
          }
        />
      ) : null}
      <Table<RollCallRow>
        data-testid="bureau-roll-call-table"
        rowKey="id"
        size="small"
        loading={data === null}
        pagination={false}
        columns={columns}
        dataSource={rows}
        locale={{ emptyText: t('bureauDesk.rollCall.empty') }}
        onRow={(r) =>
          ({
            'data-testid': 'roll-call-row',
            'data-officer-id': r.id,
            style: r.sentThisWeek ? undefined : { background: NOT_SENT_BACKGROUND },
          }) as React.HTMLAttributes<HTMLElement>
        }
      />
    </Space>
  );
}
