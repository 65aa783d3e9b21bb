import { formatMasterIssue, type MasterListIssue } from '@shared/bureau/master-issues';
import { ApiError } from '../../api/client';
import type { Translate } from '../../i18n';
import { bureauErrorText } from '../error-text';

/** The words of the master list screen that are more than a message key: a refusal of a file, an issue, a compared value. */

const lang = (t: Translate) => (t.language === 'en' ? 'en' : 'zh');

/**
 * Why a file was refused before any row was read, naming the file and what to do: a type that is no list, a file
 * too large or unreadable, an empty upload, a file gone. Anything else as every bureau refusal is said.
 */
export function masterFileErrorText(t: Translate, error: unknown, name: string): string {
  if (error instanceof ApiError) {
    const { code, params } = error.shape;
    if (code === 'master_list_invalid' && (params.problem === 'extension' || params.problem === 'unreadable')) {
      return t(`bureauMaster.fileError.${params.problem}`, { name });
    }
    if (code === 'invalid_input' && params.what === 'file') return t('bureauMaster.fileError.empty', { name });
    if (code === 'not_found' && (params.what === 'master list' || params.what === 'file_handle')) return t('bureauMaster.fileError.gone');
  }
  return bureauErrorText(t, error);
}

/** An issue's sentence without its row and column (the table shows them in their own columns). */
export const issueText = (t: Translate, issue: MasterListIssue) => formatMasterIssue({ ...issue, row: 0 }, lang(t));

const HEADING_CODES = new Set(['missing_column', 'duplicate_column', 'month_in_heading']);

/** Where an issue is: the whole file, the heading row, or the row's number. */
export function issueRow(t: Translate, issue: MasterListIssue): string {
  if (issue.row === 0) return t('bureauMaster.issues.wholeFile');
  if (HEADING_CODES.has(issue.code)) return `${t('bureauMaster.issues.heading')} (${issue.row})`;
  return String(issue.row);
}

/** A value before or after an update as the clerk reads it: levels and stages in words, nothing as a dash. */
export function shownValue(t: Translate, field: string, value: string): string {
  if (value === '') return '—';
  if (field === 'level') return t(`level.${value}` as never);
  if (field === 'stage') return t(`stage.${value}` as never);
  return value;
}
