import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import { errorMessage, type MessageKey, type Translate } from '../i18n';
import { zhCN } from '../i18n/catalog';

/**
 * Why the store refused a piece of field work (a close-off, a reopening, a visit), in the user's language: the
 * service names a reason (officer_missing, future_date, not_an_image, …) with parameters; anything else falls
 * back to the general message of the error code.
 */
export function refusalMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    const reason = error.shape.params.reason;
    const key = `fieldwork.refuse.${String(reason)}`;
    if (typeof reason === 'string' && Object.hasOwn(zhCN, key)) return t(key as MessageKey, error.shape.params);
    return errorMessage(t, error.shape);
  }
  return t('app.loadFailed', { message: error instanceof Error ? error.message : String(error) });
}

/** The form field a refusal is about, when the service says (params.field) or validation names one. */
export function refusalField(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const field = error.shape.params.field;
  if (typeof field === 'string' && field) return field;
  const path = error.shape.issues[0]?.path;
  return path ? (path.split('.')[0] ?? null) : null;
}

/** For a form's save (useSave): a refusal about one of `fields` goes under that field (true); any other is shown above the buttons. */
export function refusalOnField(t: Translate, form: FormInstance, fields: readonly string[]) {
  return (error: unknown): boolean => {
    const field = refusalField(error);
    if (!field || !fields.includes(field)) return false;
    form.setFields([{ name: field, errors: [refusalMessage(t, error)] }]);
    return true;
  };
}
