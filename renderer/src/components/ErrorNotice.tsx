import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { errorMessage, type Translate } from '../i18n';
import { useT } from '../store';

/** An error in the user's language: the store's refusal as its code says, anything else as "could not load". */
export function errorText(t: Translate, error: unknown): string {
  return error instanceof ApiError ? errorMessage(t, error.shape) : t('app.loadFailed', { message: error instanceof Error ? error.message : String(error) });
}

/** An error in the user's language, with a retry where one makes sense. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  return (
    <Alert
      type="error"
      showIcon
      title={errorText(t, error)}
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

/** A form's refusal above its buttons (nothing while there is none); `describe` words it when the form knows better. */
export function ErrorAlert({ error, describe, testId }: { error: unknown; describe?: (error: unknown) => string; testId?: string }) {
  const t = useT();
  if (!error) return null;
  return <Alert type="error" showIcon style={{ marginBottom: 12 }} title={describe ? describe(error) : errorText(t, error)} data-testid={testId} />;
}
