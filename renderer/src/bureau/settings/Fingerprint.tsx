import { Typography } from 'antd';
import { useBureauT } from '../store';

/**
 * A key fingerprint laid out for reading aloud over the phone: its 16 groups of four, numbered, four to a row,
 * so both sides keep their place ("第5组 ED02").
 */
export function Fingerprint({ value, testId }: { value: string; testId?: string }) {
  const t = useBureauT();
  const groups = value.split(' ');
  return (
    <div data-testid={testId} data-fingerprint={value} style={{ display: 'grid', gridTemplateColumns: 'repeat(4, max-content)', gap: '6px 20px' }}>
      {groups.map((group, i) => (
        <div key={i} style={{ display: 'flex', alignItems: 'baseline', gap: 6 }}>
          <Typography.Text type="secondary" style={{ fontSize: 11, minWidth: 34 }}>
            {t('bureauSettings.key.group', { n: i + 1 })}
          </Typography.Text>
          <Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 17, letterSpacing: 1 }}>
            {group}
          </Typography.Text>
        </div>
      ))}
    </div>
  );
}
