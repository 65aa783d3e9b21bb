import { Alert, Button } from 'antd';

/** The demo banner both desks show above every screen: what the demo is, and the one way out (each desk asks first its own way). */
export function DemoAlert({ text, leaveText, busy, onLeave }: { text: string; leaveText: string; busy: boolean; onLeave(): void }) {
  return (
    <Alert
      type="warning"
      showIcon
      banner
      data-testid="demo-banner"
      title={text}
      style={{ marginBottom: 16 }}
      action={
        <Button danger size="small" loading={busy} onClick={onLeave} data-testid="leave-demo">
          {leaveText}
        </Button>
      }
    />
  );
}
