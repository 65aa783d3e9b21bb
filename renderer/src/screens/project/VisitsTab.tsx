import { AlertOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Flex, Image, Pagination, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { VisitKind } from '@shared/domain';
import type { ProjectDetail, VisitView } from '@shared/operations';
import { useDateTime } from '../../components/date-time';
import { PhotoPlaceLine } from '../../components/PhotoPlace';
import { PhotoThumb } from '../../components/PhotoThumb';
import { RaiseProblemModal } from '../../components/RaiseProblemModal';
import { VisitFormDrawer } from '../../components/VisitFormDrawer';
import { useFormat, useT } from '../../store';

const KIND_COLOR: Record<VisitKind, string> = { site_visit: 'blue', meeting: 'purple', call: 'cyan', coordination: 'orange' };
const PAGE_SIZE = 10;

function VisitCard({ visit, onRaise }: { visit: VisitView; onRaise(visit: VisitView): void }) {
  const t = useT();
  const f = useFormat();
  const when = useDateTime();
  const kind = t(`visits.kind.${visit.kind}`);
  const items = [
    { key: 'summary', label: t('visits.field.summary'), children: visit.summary },
    ...(visit.findings ? [{ key: 'findings', label: t('visits.field.findings'), children: visit.findings }] : []),
    ...(visit.followUps ? [{ key: 'followUps', label: t('visits.field.followUps'), children: visit.followUps }] : []),
  ];
  return (
    <Card
      size="small"
      data-testid="visit-card"
      data-visit-id={visit.id}
      title={
        <Space wrap size={8} style={{ fontWeight: 'normal' }}>
          <Typography.Text strong data-testid="visit-date">
            {f.date(visit.visitedOn)}
          </Typography.Text>
          <Tag color={KIND_COLOR[visit.kind]}>{kind}</Tag>
          {visit.participants ? <Typography.Text type="secondary">{visit.participants}</Typography.Text> : null}
        </Space>
      }
      extra={
        visit.findings ? (
          <Button size="small" icon={<AlertOutlined />} title={t('visits.toProblem.hint')} onClick={() => onRaise(visit)} data-testid="visit-to-problem">
            {t('visits.toProblem')}
          </Button>
        ) : null
      }
    >
      <Descriptions size="small" column={1} items={items} styles={{ label: { width: 96 }, content: { whiteSpace: 'pre-wrap' } }} />
      {visit.photos.length > 0 ? (
        <Image.PreviewGroup>
          <Flex wrap gap={8} style={{ marginTop: 8 }} data-testid="visit-photos">
            {visit.photos.map((photo, n) => (
              <Flex key={photo.id} vertical gap={2}>
                <PhotoThumb
                  photo={photo}
                  width={112}
                  height={84}
                  alt={t('visits.photo.alt', { date: f.date(visit.visitedOn), kind, n: n + 1 })}
                  testId="visit-photo"
                />
                <PhotoPlaceLine latitude={photo.latitude} longitude={photo.longitude} />
              </Flex>
            ))}
          </Flex>
        </Image.PreviewGroup>
      ) : null}
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }} data-testid="visit-recorded">
        {t('visits.recorded', { by: visit.recordedBy, when: when(visit.recordedAt) })}
      </Typography.Text>
    </Card>
  );
}

/**
 * Sponsor actions (帮包工作) on the project, newest first: site visits, meetings, calls, coordination sessions,
 * each with its photos and who recorded it when. A new one is logged in a drawer; a visit's findings become a
 * problem in one step.
 */
export function VisitsTab({ detail }: { detail: ProjectDetail }) {
  const t = useT();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [raising, setRaising] = useState<VisitView | null>(null);
  const [page, setPage] = useState(1);
  const visits = detail.visits; // newest first, as the store lists them
  const pageCount = Math.max(1, Math.ceil(visits.length / PAGE_SIZE));
  const current = Math.min(page, pageCount);
  const shown = visits.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="visits-tab">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text data-testid="visits-count">{t('visits.count', { count: visits.length })}</Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setDrawerOpen(true)}
          disabled={detail.project.archivedAt !== null}
          data-testid="visit-log"
        >
          {t('visits.log')}
        </Button>
      </Flex>
      {visits.length === 0 ? <Empty description={t('visits.empty')} /> : null}
      {shown.map((visit) => (
        <VisitCard key={visit.id} visit={visit} onRaise={setRaising} />
      ))}
      {visits.length > PAGE_SIZE ? (
        <Pagination align="center" current={current} pageSize={PAGE_SIZE} total={visits.length} onChange={setPage} showSizeChanger={false} />
      ) : null}
      <VisitFormDrawer
        projectId={detail.project.id}
        open={drawerOpen}
        onClose={() => {
          setDrawerOpen(false);
          setPage(1);
        }}
      />
      <RaiseProblemModal
        projectId={detail.project.id}
        open={raising !== null}
        initialDescription={raising?.findings}
        sourceVisitId={raising?.id}
        onClose={() => setRaising(null)}
      />
    </Space>
  );
}
