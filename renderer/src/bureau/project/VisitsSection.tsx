import { Card, Empty, Image, List, Space, Tag, Typography } from 'antd';
import type { BureauProjectPage } from '@shared/operations/bureau-project';
import { localDateTime } from '@shared/rules';
import { useBureauFormat, useBureauT, useBureauZone } from '../store';
import { ReceivedFile } from './ReceivedFile';

type Visit = BureauProjectPage['visits'][number];

/** Sponsor actions (帮包工作) received for the project, newest first, each with what was found, what comes next and its photos. */
export function VisitsSection({ visits }: { visits: readonly Visit[] }) {
  const t = useBureauT();
  const f = useBureauFormat();
  const zone = useBureauZone();
  if (visits.length === 0) return <Empty description={t('bureauProject.visits.none')} />;
  const line = (key: 'participants' | 'findings' | 'followUps', text: string) =>
    text ? <Typography.Text type="secondary">{t(`bureauProject.visits.${key}`, { text })}</Typography.Text> : null;
  return (
    <List<Visit>
      data-testid="bureau-visits"
      dataSource={visits}
      split={false}
      renderItem={(v) => (
        <List.Item key={v.id} style={{ paddingBlock: 6 }}>
          <Card size="small" style={{ width: '100%' }} data-testid="bureau-visit" data-visit-id={v.id}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{f.date(v.visitedOn)}</Typography.Text>
                <Tag color="blue">{t(`visits.kind.${v.kind}`)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {`${t('bureauProject.visits.by', { by: v.recordedBy })} · ${localDateTime(v.recordedAt, zone)}`}
                </Typography.Text>
              </Space>
              <Typography.Text>{v.summary}</Typography.Text>
              {line('participants', v.participants)}
              {line('findings', v.findings)}
              {line('followUps', v.followUps)}
              {v.photos.length > 0 ? (
                <Image.PreviewGroup>
                  <Space wrap size={8} data-testid="bureau-visit-photos">
                    {v.photos.map((photo) => (
                      <ReceivedFile key={photo.id} file={photo} />
                    ))}
                  </Space>
                </Image.PreviewGroup>
              ) : null}
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}
