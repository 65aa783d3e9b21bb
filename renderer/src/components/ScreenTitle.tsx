import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A screen's heading with the line under it that says what the screen is for. */
export function ScreenTitle({ title, intro }: { title: string; intro: string }) {
  return (
    <div>
      <Typography.Title level={3} style={{ marginBottom: 0 }}>
        {title}
      </Typography.Title>
      <Typography.Text type="secondary">{intro}</Typography.Text>
    </div>
  );
}

/** A screen's heading with what stands beside it on the same line (the month, the week, its buttons). */
export function TitleRow({ title, align, children }: { title: string; align: 'baseline' | 'center'; children: ReactNode }) {
  return (
    <div style={{ display: 'flex', alignItems: align, gap: 16, flexWrap: 'wrap' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </div>
  );
}
