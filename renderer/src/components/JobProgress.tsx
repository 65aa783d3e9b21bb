import { Progress, Space, Typography } from 'antd';
import type { JobView } from '@shared/operations/jobs';
import type { MessageKey } from '../i18n';
import { useT } from '../store';

/** A running job's phase and percent (antd Progress); nothing once there is no job. */
export function JobProgress({ job, testId }: { job: JobView | null; testId?: string }) {
  const t = useT();
  if (!job) return null;
  const failed = job.status === 'failed';
  return (
    <Space
      orientation="vertical"
      size={0}
      style={{ width: '100%', maxWidth: 720 }}
      data-testid={testId}
      data-phase={job.phase}
      data-status={job.status}
      data-percent={Math.floor(job.percent)}
    >
      <Typography.Text type="secondary">{t(`job.phase.${job.phase}` as MessageKey)}</Typography.Text>
      <Progress percent={Math.floor(job.percent)} status={failed ? 'exception' : job.status === 'done' ? 'success' : 'active'} />
    </Space>
  );
}
