import { Tag } from 'antd';
import type { ProblemStatus } from '@shared/domain';
import { useT } from '../store';

export const PROBLEM_STATUS_COLOR: Record<ProblemStatus, string> = {
  raised: 'orange',
  dispatched: 'blue',
  in_progress: 'geekblue',
  resolved: 'cyan',
  closed: 'green',
};

/** 已收集 / 已交办 / 协调中 / 已化解 / 已办结, each in its colour. */
export function ProblemStatusTag({ status }: { status: ProblemStatus }) {
  const t = useT();
  return (
    <Tag color={PROBLEM_STATUS_COLOR[status]} data-testid="problem-status" data-status={status}>
      {t(`problem.status.${status}`)}
    </Tag>
  );
}
