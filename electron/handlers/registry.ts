import { ZodError } from 'zod';
import { AppError, type OperationResult } from '@shared/errors.js';
import {
  isDeskOperationName,
  operations,
  OPERATION_NAMES,
  deskOf,
  type Desk,
  type DeskOperationName,
  type OperationName,
  type OperationOutput,
  type OperationParsedInput,
} from '@shared/operations/index.js';
import { OPERATIONS_WHILE_LOCKED } from '@shared/operations/store.js';
import type { BureauContext } from '../bureau/context.js';
import type { ServiceContext } from './context.js';
import { OutputCheck } from './output-check.js';

/** What a handler works with: the bureau's database and key for `bureau.*`, the officer's store for the rest. */
export type DeskContext<D extends Desk> = D extends 'bureau' ? BureauContext : ServiceContext;
export type OperationContext<N extends OperationName> = N extends `bureau.${string}` ? BureauContext : ServiceContext;

export type OperationHandler<N extends OperationName> = (
  input: OperationParsedInput<N>,
  ctx: OperationContext<N>,
) => OperationOutput<N> | Promise<OperationOutput<N>>;

/** A domain's handlers: a subset of the table, each typed by its entry. */
export type HandlerGroup<N extends OperationName> = { [K in N]: OperationHandler<K> };

/**
 * The server side of the one table, for one desk: each of the desk's names gets exactly one handler (a
 * second is refused), input is validated before the handler sees it and output before it leaves, and a
 * name of the other desk is unknown here. The officer's transports (IPC, preview bridge) and both CLIs
 * call `dispatch`.
 */
export class OperationRegistry<D extends Desk = 'officer'> {
  private readonly handlers = new Map<OperationName, OperationHandler<OperationName>>();
  private readonly outputCheck = new OutputCheck();

  constructor(readonly desk: D = 'officer' as D) {}

  register<N extends DeskOperationName<D>>(group: HandlerGroup<N>): this {
    for (const [name, handler] of Object.entries(group) as [N, OperationHandler<N>][]) {
      if (!isDeskOperationName(this.desk, name)) throw new Error(`handler for unknown operation "${name}"`);
      if (this.handlers.has(name)) throw new Error(`operation "${name}" already has a handler`);
      this.handlers.set(name, handler as unknown as OperationHandler<OperationName>);
    }
    return this;
  }

  /** Refuses to start with an operation of this desk nobody handles. */
  assertComplete(): this {
    const missing = OPERATION_NAMES.filter((n) => deskOf(n) === this.desk && !this.handlers.has(n));
    if (missing.length > 0) throw new Error(`operations without a handler: ${missing.join(', ')}`);
    return this;
  }

  async dispatch(name: unknown, rawInput: unknown, ctx: DeskContext<D>): Promise<OperationResult<unknown>> {
    try {
      if (!isDeskOperationName(this.desk, name)) throw new AppError('not_found', `unknown operation ${String(name)}`, { operation: String(name) });
      if ((ctx as ServiceContext).locked && !OPERATIONS_WHILE_LOCKED.includes(name))
        throw new AppError('store_locked', `the store is locked: unlock it before ${name}`, { reason: 'locked' });
      const handler = this.handlers.get(name);
      if (!handler) throw new AppError('not_found', `operation ${name} has no handler`, { operation: name });
      const spec = operations[name];
      const input = spec.input.safeParse(rawInput ?? {});
      if (!input.success) throw AppError.fromZod(input.error, name);
      // Whole, or a sample of a long list from a read model (the entry's `outputSample`).
      const output = this.outputCheck.check(name, spec, await handler(input.data as never, ctx as never));
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
  const systemCode = (error as { code?: unknown } | null)?.code;
  if (typeof systemCode === 'string' && systemCode.startsWith('SQLITE_BUSY')) {
    return new AppError('busy', `the store is busy with another task: ${message}`).toShape();
  }
  // A fault: its system code (ENOENT, SQLITE_FULL…) stays, so a person told "internal error" can say which.
  return new AppError('internal', message, typeof systemCode === 'string' ? { code: systemCode } : {}).toShape();
}
