import { z } from 'zod';

/**
 * Errors cross every boundary (IPC, HTTP bridge, CLI) as a code with parameters, so each side can say them
 * in the user's language. Messages live in shared/i18n (refusals.ts for refusals of files and of the exchange,
 * sync-messages.ts for the officer CLI) and renderer/src/i18n (errorMessage) for the screens.
 */
export const AppErrorCode = z.enum([
  'invalid_input',
  'not_found',
  'illegal_transition',
  'conflict',
  'database_newer',
  'database_corrupt',
  'packet_invalid',
  'packet_signature',
  'packet_wrong_officer',
  'packet_stale',
  'packet_already_imported',
  'import_withdraws_most',
  'key_missing',
  'master_list_invalid',
  'busy',
  'store_locked',
  'internal',
]);
export type AppErrorCode = z.infer<typeof AppErrorCode>;

export const AppErrorShape = z.object({
  code: AppErrorCode,
  /** English detail for logs and tests; the UI composes its own message from code and params. */
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  /** Field-level problems of invalid input: path and message. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
});
export type AppErrorShape = z.infer<typeof AppErrorShape>;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toShape(): AppErrorShape {
    return { code: this.code, message: this.message, params: this.params, issues: this.issues };
  }

  static fromZod(error: z.ZodError, what: string): AppError {
    const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    return new AppError(
      'invalid_input',
      `${what}: ${first ? `${first.path || '(root)'}: ${first.message}` : 'invalid'}`,
      { what, path: first?.path ?? '' },
      issues,
    );
  }
}

/** What every operation returns over a transport: a value or an error, never a thrown exception. */
export type OperationResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorShape };
