import { TrophyOutlined } from '@ant-design/icons';
import { Card, Col, Row, Table, Tag, Tooltip, Typography } from 'antd';
import type { OperationOutput } from '@shared/operations';
import { Points } from '../Points';
import { useBureau, useBureauFormat, useBureauT } from '../store';

type Ranked = OperationOutput<'bureau.ranking'>['units'][number];

/** 名次变化: ↑2 (green), ↓1 (red), 新 (new this month), 持平, or — when either month has no place; last month's place on hover. */
function ChangeTag({ r }: { r: Ranked }) {
  const t = useBureauT();
  const [text, color] = r.isNew
    ? [t('bureauReports.ranking.new'), 'blue']
    : r.change === null
      ? [t('bureauReports.ranking.none'), undefined]
      : r.change === 0
        ? [t('bureauReports.ranking.same'), undefined]
        : [r.change > 0 ? `↑${r.change}` : `↓${-r.change}`, r.change > 0 ? 'green' : 'red'];
  const was = r.isNew ? t('bureauReports.ranking.wasNew') : r.previousRank === null ? undefined : t('bureauReports.ranking.was', { rank: r.previousRank });
  return (
    <Tooltip title={was}>
      <Tag color={color} data-testid="rank-change" style={{ marginInlineEnd: 0 }}>
        {text}
      </Tag>
    </Tooltip>
  );
}

function RankTable({ kind, rows }: { kind: 'units' | 'leaders'; rows: Ranked[] }) {
  const t = useBureauT();
  const f = useBureauFormat();
  return (
    <Table<Ranked>
      size="small"
      pagination={false}
      rowKey="name"
      dataSource={rows}
      data-testid={`ranking-${kind}`}
      scroll={{ x: 560 }}
      columns={[
        {
          title: t('bureauReports.ranking.rank'),
          width: 56,
          align: 'center',
          render: (_, r) => (r.rank === null ? <Tooltip title={t('bureauReports.ranking.unranked')}>—</Tooltip> : r.rank),
        },
        { title: t(`bureauReports.ranking.${kind}`), dataIndex: 'name', ellipsis: true },
        { title: t('bureauReports.ranking.projects'), dataIndex: 'projects', width: 72, align: 'right' },
        { title: t('bureauReports.ranking.completion'), width: 112, align: 'right', render: (_, r) => f.percent(r.completionPct) },
        { title: t('bureauReports.ranking.ahead'), width: 112, align: 'right', render: (_, r) => <Points value={r.aheadPoints} /> },
        { title: t('bureauReports.ranking.change'), width: 84, align: 'center', render: (_, r) => <ChangeTag r={r} /> },
      ]}
    />
  );
}

/**
 * 比学赶超: the sponsoring units and leaders ranked for the month on the screen, with the change since the month
 * before. It stands beside the bulletin, whose ranking paragraph it details, under the same month picker.
 */
export function RankingCard() {
  const t = useBureauT();
  const f = useBureauFormat();
  const ranking = useBureau((s) => s.ranking);
  if (!ranking) return null;
  return (
    <Card
      size="small"
      data-testid="report-ranking"
      title={
        <span>
          <TrophyOutlined style={{ color: '#d48806', marginInlineEnd: 8 }} />
          {t('bureauReports.ranking')}
        </span>
      }
    >
      <Typography.Paragraph type="secondary">
        {ranking.previousAsOfMonth === null
          ? t('bureauReports.ranking.whatJanuary')
          : t('bureauReports.ranking.what', { previous: f.month(ranking.previousAsOfMonth) })}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <RankTable kind="units" rows={ranking.units} />
        </Col>
        <Col xs={24} xl={12}>
          <RankTable kind="leaders" rows={ranking.leaders} />
        </Col>
      </Row>
    </Card>
  );
}
