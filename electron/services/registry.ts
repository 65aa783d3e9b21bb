import { ZodError } from 'zod';
import { AppError, type OperationResult } from '@shared/errors.js';
import { isOperationName, operations, type OperationName, type OperationOutput, type OperationParsedInput } from '@shared/operations/index.js';
import { OPERATIONS_WHILE_LOCKED } from '@shared/operations/store.js';
import type { ServiceContext } from './context.js';

export type OperationHandler<N extends OperationName> = (
  input: OperationParsedInput<N>,
  ctx: ServiceContext,
) => OperationOutput<N> | Promise<OperationOutput<N>>;

/** A domain's handlers: a subset of the table, each typed by its entry. */
export type HandlerGroup<N extends OperationName> = { [K in N]: OperationHandler<K> };

/**
 * The server side of the one table: each name gets exactly one handler (a second is refused), input is
 * validated before the handler sees it and output before it leaves. Both transports call `dispatch`.
 */
export class OperationRegistry {
  private readonly handlers = new Map<OperationName, OperationHandler<OperationName>>();

  register<N extends OperationName>(group: HandlerGroup<N>): this {
    for (const [name, handler] of Object.entries(group) as [N, OperationHandler<N>][]) {
      if (!isOperationName(name)) throw new Error(`handler for unknown operation "${name}"`);
      if (this.handlers.has(name)) throw new Error(`operation "${name}" already has a handler`);
      this.handlers.set(name, handler as unknown as OperationHandler<OperationName>);
    }
    return this;
  }

  /** Refuses to start with an operation nobody handles. */
  assertComplete(): this {
    const missing = (Object.keys(operations) as OperationName[]).filter((n) => !this.handlers.has(n));
    if (missing.length > 0) throw new Error(`operations without a handler: ${missing.join(', ')}`);
    return this;
  }

  async dispatch(name: unknown, rawInput: unknown, ctx: ServiceContext): Promise<OperationResult<unknown>> {
    try {
      if (!isOperationName(name)) throw new AppError('not_found', `unknown operation ${String(name)}`, { operation: String(name) });
      if (ctx.locked && !OPERATIONS_WHILE_LOCKED.includes(name))
        throw new AppError('store_locked', `the store is locked: unlock it before ${name}`, { reason: 'locked' });
      const handler = this.handlers.get(name);
      if (!handler) throw new AppError('not_found', `operation ${name} has no handler`, { operation: name });
      const spec = operations[name];
      const input = spec.input.safeParse(rawInput ?? {});
      if (!input.success) throw AppError.fromZod(input.error, name);
      const output = spec.output.safeParse(await handler(input.data as never, ctx));
      if (!output.success) {
        // A handler broke its promise: our bug, not the caller's input, so `internal` (with the issues for logs).
        const { issues } = AppError.fromZod(output.error, `${name} output`);
        throw new AppError('internal', `${name} returned output that fails its schema`, { operation: name }, issues);
      }
      return { ok: true, value: output.data };
    } catch (error) {
      return { ok: false, error: toErrorShape(error) };
    }
  }
}

export function toErrorShape(error: unknown): AppError['toShape'] extends () => infer S ? S : never {
  if (error instanceof AppError) return error.toShape();
  if (error instanceof ZodError) return AppError.fromZod(error, 'output').toShape();
  const message = error instanceof Error ? error.message : String(error);
  // Another connection (a long job's worker) holds the write lock past busy_timeout: say "busy", not "internal".
  const sqliteCode = (error as { code?: unknown } | null)?.code;
  if (typeof sqliteCode === 'string' && sqliteCode.startsWith('SQLITE_BUSY')) {
    return new AppError('busy', `the store is busy with another task: ${message}`).toShape();
  }
  return new AppError('internal', message).toShape();
}
