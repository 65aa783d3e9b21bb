import { Alert, Button, Space, Typography } from 'antd';
import { memo, type CSSProperties } from 'react';
import { bureauErrorText } from './error-text';
import { useBureauT } from './store';

/**
 * One line, cut with an ellipsis by CSS when too long; the whole text shows on hover (title). Not antd's `ellipsis`
 * prop, which gives every cell a ResizeObserver and a tooltip (as on the officer's home list).
 */
export const ONE_LINE: CSSProperties = { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
export const SMALL: CSSProperties = { ...ONE_LINE, fontSize: 12 };

/** A table cell of one line, with a smaller secondary line under it when given. Memoised: a row that stays is not drawn again. */
export const Clipped = memo(function Clipped({ text, secondary }: { text: string; secondary?: string }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Typography.Text title={text} style={ONE_LINE}>
        {text}
      </Typography.Text>
      {secondary ? (
        <Typography.Text type="secondary" style={SMALL} title={secondary}>
          {secondary}
        </Typography.Text>
      ) : null}
    </div>
  );
});

/** A screen's load that failed, said in the user's language, with a retry. */
export function LoadFailed({ error, retry }: { error: unknown; retry(): void }) {
  const t = useBureauT();
  return <Alert type="error" showIcon title={bureauErrorText(t, error)} action={<Button onClick={retry}>{t('app.retry')}</Button>} />;
}

/** A dialog form's end: the refusal, if any, in the user's language; cancel and the submit button. */
export function DialogFooter({ busy, error, onClose, submit, testId }: { busy: boolean; error: unknown; onClose(): void; submit: string; testId: string }) {
  const t = useBureauT();
  return (
    <>
      {error ? <Alert type="error" showIcon title={bureauErrorText(t, error)} style={{ marginBottom: 12 }} /> : null}
      <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
        <Button disabled={busy} onClick={onClose}>
          {t('bureauDesk.problems.cancel')}
        </Button>
        <Button type="primary" htmlType="submit" loading={busy} data-testid={testId}>
          {submit}
        </Button>
      </Space>
    </>
  );
}
