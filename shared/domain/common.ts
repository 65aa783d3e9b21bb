import { z } from 'zod';

/** Every record an officer or the bureau creates carries a UUID, so files can merge without collisions. */
export const RecordId = z.uuid();

const isRealDate = (value: string): boolean => {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine(isRealDate, 'date does not exist');

/** A month `YYYY-MM`. */
export const IsoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month must be YYYY-MM');

/** A moment, ISO 8601 in UTC with milliseconds, as `Date.prototype.toISOString` writes it. */
export const Timestamp = z.iso.datetime();

/** Amounts are kept in 万元 (10,000 yuan): finite, not negative, at most four decimals (one yuan). */
const atMostFourDecimals = (v: number) => Math.abs(Math.round(v * 1e4) - v * 1e4) < 1e-6;
export const AmountWan = z.number().finite().nonnegative().max(1e9).refine(atMostFourDecimals, 'amount has more than four decimals');

/** Free text typed by a person: trimmed, bounded. */
export const Text = (max = 2000) => z.string().trim().max(max);
export const RequiredText = (max = 200) => z.string().trim().min(1).max(max);

/** When a record was entered and by whom (a person's name): every append-only record carries both. */
export const Entered = { recordedAt: Timestamp, recordedBy: RequiredText(100) };

/** Who wrote a record: decides which side may change it when files merge. */
export const Origin = z.enum(['bureau', 'officer']);
export type Origin = z.infer<typeof Origin>;
