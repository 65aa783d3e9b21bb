import { AppError, type AppErrorCode } from '@shared/errors.js';

/**
 * Why a packet was refused, as a stable `reason` parameter beside the error code, so the UI and CLI can
 * say it precisely and tests can assert it.
 */
export const PACKET_PROBLEMS = [
  'not_found',
  'too_large',
  'not_a_zip',
  'too_many_entries',
  'unsafe_entry',
  'entry_too_large',
  'total_too_large',
  'duplicate_entry',
  'missing_manifest',
  'manifest_invalid',
  'not_a_packet',
  'format_version',
  'wrong_kind',
  'entries_mismatch',
  'size_mismatch',
  'hash_mismatch',
  'payload_invalid',
  'signature_missing',
  'signature_bad',
  'signature_wrong_key',
] as const;
/** A list, not only a type, so that tests/integration/refusal-texts.test.ts can ask each one's text. */
export type PacketProblem = (typeof PACKET_PROBLEMS)[number];

export function packetError(
  reason: PacketProblem,
  message: string,
  params: Record<string, string | number> = {},
  issues: { path: string; message: string }[] = [],
  code: AppErrorCode = reason.startsWith('signature_') ? 'packet_signature' : 'packet_invalid',
): AppError {
  return new AppError(code, message, { reason, ...params }, issues);
}
