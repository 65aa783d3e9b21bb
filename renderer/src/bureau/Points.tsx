import { Typography } from 'antd';
import { useBureauFormat } from './store';

/** Points ahead (green, +) or behind (red, −) the schedule; — without a plan. */
export function Points({ value, large = false }: { value: number | null; large?: boolean }) {
  const f = useBureauFormat();
  if (value === null) return <>—</>;
  return (
    <Typography.Text
      type={value >= 0 ? 'success' : 'danger'}
      style={large ? { fontSize: 24 } : undefined}
    >{`${value >= 0 ? '+' : '−'}${f.points(value)}`}</Typography.Text>
  );
}
