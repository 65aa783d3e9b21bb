import { Empty } from 'antd';
import type { ProjectDetail } from '../../../../shared/operations';

/** Placeholder until this tab is built. */
export function ProblemsTab({ detail }: { detail: ProjectDetail }) {
  return <Empty description={detail.project.code} />;
}
