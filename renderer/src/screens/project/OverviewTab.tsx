import { Card, Col, Descriptions, Row, Timeline, Typography } from 'antd';
import type { ProjectDetail } from '../../../../shared/operations';
import { useFormat, useT } from '../../store';

/** Facts and the wall chart (挂图作战): milestones planned against reached, in date order. */
export function OverviewTab({ detail }: { detail: ProjectDetail }) {
  const t = useT();
  const f = useFormat();
  const p = detail.project;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={10}>
        <Card title={t('project.facts')} size="small">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('project.industry')}>{p.industry || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('project.location')}>{p.location || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('project.totalInvestment')}>{p.totalInvestment === null ? '—' : f.amount(p.totalInvestment)}</Descriptions.Item>
            <Descriptions.Item label={t('project.planYear')}>{p.planYear}</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card title={t('project.milestones')} size="small">
          <Timeline
            items={detail.milestones.map((m) => ({
              color: m.reachedOn ? 'green' : 'gray',
              content: (
                <div data-testid="milestone">
                  <Typography.Text strong>{m.title}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{t('project.milestone.planned', { date: f.date(m.plannedOn) })}</Typography.Text>
                  <div>
                    {m.reachedOn ? (
                      <Typography.Text type="success">{t('project.milestone.reached', { date: f.date(m.reachedOn) })}</Typography.Text>
                    ) : (
                      <Typography.Text type="secondary">{t('project.milestone.pending')}</Typography.Text>
                    )}
                  </div>
                </div>
              ),
            }))}
          />
        </Card>
      </Col>
    </Row>
  );
}
