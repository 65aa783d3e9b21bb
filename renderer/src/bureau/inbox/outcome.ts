import type { OperationOutput } from '@shared/operations';
import type { MessageKey, Translate } from '../../i18n';

/** One file's outcome, as bureau.inbox.preview and bureau.ingest answer it. */
export type FileResult = OperationOutput<'bureau.ingest'>[number];

/** What the inbox says of one file: its tag, what it does or why it was refused, and what to do next. */
export interface FileOutcome {
  status: FileResult['status'];
  tone: 'success' | 'default' | 'warning' | 'error';
  /** The tag: 将汇入 / 已汇入 / 重复 / 待认可密钥 / 拒收. */
  label: string;
  /** What the file does, or why it was refused. */
  text: string;
  /** What the clerk does next (null: nothing to do). */
  next: string | null;
  warnings: string[];
}

/** A refusal's reason (params.reason, else the code) → the group of words that says it (bureau-inbox.ts messages). */
const REFUSAL_GROUPS: Readonly<Record<string, string>> = {
  not_found: 'notFound',
  too_large: 'tooLarge',
  not_a_zip: 'notPacket',
  missing_manifest: 'notPacket',
  manifest_invalid: 'notPacket',
  not_a_packet: 'notPacket',
  wrong_kind: 'wrongKind',
  format_version: 'formatVersion',
  too_many_entries: 'unsafe',
  unsafe_entry: 'unsafe',
  entry_too_large: 'unsafe',
  total_too_large: 'unsafe',
  duplicate_entry: 'unsafe',
  entries_mismatch: 'tampered',
  size_mismatch: 'tampered',
  hash_mismatch: 'tampered',
  payload_invalid: 'tampered',
  signature_missing: 'signature',
  signature_bad: 'signature',
  signature_wrong_key: 'wrongKey',
  unknown_officer: 'unknownOfficer',
  key_rejected: 'keyRejected',
  key_taken: 'keyRejected',
  packet_id_taken: 'keyRejected',
  packet_voided: 'voided',
  sequence_jump: 'sequenceJump',
  no_officer_key: 'noKey',
  file_changed: 'fileChanged',
  not_sender_project: 'records',
  future_date: 'records',
  unknown_reference: 'records',
  not_officer_owned: 'records',
  photo_mismatch: 'records',
  attachment_kind: 'records',
};

function refusal(t: Translate, error: NonNullable<FileResult['error']>): { text: string; next: string } {
  const reason = String(error.params.reason ?? '');
  const group = REFUSAL_GROUPS[reason] ?? (error.code === 'packet_wrong_officer' ? 'unknownOfficer' : 'other');
  const detail = group === 'records' ? t(`bureauInbox.record.${reason}` as MessageKey) : '';
  const text = t(`bureauInbox.refused.${group}` as MessageKey, { ...error.params, detail, message: error.message });
  return { text, next: `${t(`bureauInbox.next.${group}` as MessageKey)}${t('bureauInbox.unchanged')}` };
}

/** The words for one file; `folded`: after the fold (已汇入), else a preview (将汇入). */
export function fileOutcome(t: Translate, r: FileResult, folded: boolean): FileOutcome {
  const warnings = r.warnings.map((w) => t(`bureauInbox.warning.${w.code}` as MessageKey, w.params));
  if (r.status === 'refused') {
    const { text, next } = refusal(t, r.error ?? { code: 'internal', message: '', params: {}, issues: [] });
    return { status: r.status, tone: 'error', label: t('bureauInbox.outcome.refused'), text, next, warnings };
  }
  if (r.status === 'duplicate')
    return { status: r.status, tone: 'default', label: t('bureauInbox.outcome.duplicate'), text: t('bureauInbox.note.duplicate'), next: null, warnings };
  if (r.status === 'pending') {
    const fingerprint = r.pendingKey?.fingerprint ?? '';
    return {
      status: r.status,
      tone: 'warning',
      label: t('bureauInbox.outcome.pending'),
      text: t('bureauInbox.note.pending', { fingerprint }),
      next: t('bureauInbox.next.pending', { officer: r.officerName ?? '' }),
      warnings,
    };
  }
  const counts = t('bureauInbox.note.accepted', { new: r.newRecords, duplicate: r.duplicateRecords, conflicts: r.conflicts, photos: r.photosStored });
  const conflicts = r.conflicts > 0 ? [t('bureauInbox.note.conflicts', { n: r.conflicts })] : [];
  return {
    status: r.status,
    tone: 'success',
    label: t(folded ? 'bureauInbox.outcome.folded' : 'bureauInbox.outcome.accepted'),
    text: counts,
    next: null,
    warnings: [...conflicts, ...warnings],
  };
}

/** The file's own name: an uploaded file is kept in the inbox as `<day>-<id>-<name>` (electron/bureau/page-files.ts). */
export const shownFileName = (path: string): string => (path.split(/[\\/]/).pop() ?? path).replace(/^\d{4}-\d{2}-\d{2}-[0-9a-z]{8}-/i, '');

/** Per kind of record, how many were new, duplicate, conflicting: `走访记录 1/0/0`. */
export function kindCounts(t: Translate, r: FileResult): string[] {
  return Object.entries(r.counts).map(([kind, c]) =>
    t('bureauInbox.counts', { kind: t(`bureauInbox.entity.${kind}` as MessageKey), n: `${c.new ?? 0}/${c.duplicate ?? 0}/${c.conflict ?? 0}` }),
  );
}
