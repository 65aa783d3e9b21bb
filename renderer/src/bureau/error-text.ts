import { ApiError } from '../api/client';
import { errorMessage, type Translate } from '../i18n';

/** An error of a bureau call said in the user's language: an operation's refusal, or a failure to reach the desk. */
export function bureauErrorText(t: Translate, error: unknown): string {
  return error instanceof ApiError ? errorMessage(t, error.shape) : t('app.loadFailed', { message: error instanceof Error ? error.message : String(error) });
}
