import { ApiError } from '../../api/client';
import type { MessageKey, Translate } from '../../i18n';
import { bureauErrorText } from '../error-text';

/** Refusals of the key decisions, said for the clerk at the settings (the officer desk's catalogue speaks to an officer). */
const BY_REASON = new Set(['pending_key_unknown', 'fingerprint_invalid', 'key_taken', 'key_in_force', 'key_unknown_for_officer', 'not_demo']);
const BACKUP_REASONS = new Set(['backup_not_bureau', 'backup_integrity', 'backup_unreadable', 'backup_key_mismatch', 'backup_key_invalid']);

/** An error of a settings operation in the clerk's language: what went wrong, that nothing changed, and what to do. */
export function settingsErrorText(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return bureauErrorText(t, error);
  const { code, params } = error.shape;
  const reason = String(params.reason ?? '');
  if (BY_REASON.has(reason)) return t(`bureauSettings.refused.${reason}` as MessageKey, params as Record<string, string>);
  if (code === 'busy') return t('bureauSettings.refused.busy');
  if (BACKUP_REASONS.has(reason)) return t('bureauSettings.refused.backup', { detail: error.shape.message });
  if (code === 'invalid_input' && params.what === 'key') return t('bureauSettings.refused.notKey');
  if (code === 'conflict' && params.what === 'officer key') return t('bureauSettings.refused.key_taken');
  if (code === 'invalid_input' && params.what === 'officer') return t('bureauSettings.refused.officerInput');
  return bureauErrorText(t, error);
}
