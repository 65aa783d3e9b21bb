import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { errorMessage } from '../i18n';
import { useT } from '../store';

/** An error in the user's language, with a retry where one makes sense. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const message =
    error instanceof ApiError ? errorMessage(t, error.shape) : t('app.loadFailed', { message: error instanceof Error ? error.message : String(error) });
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
