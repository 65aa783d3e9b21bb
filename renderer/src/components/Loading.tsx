import { Spin } from 'antd';

/** What a screen shows while what it needs is on its way. */
export function Loading({ testId }: { testId?: string }) {
  return (
    <div style={{ padding: 48, textAlign: 'center' }} data-testid={testId}>
      <Spin />
    </div>
  );
}
