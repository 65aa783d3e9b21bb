import { Typography } from 'antd';

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
