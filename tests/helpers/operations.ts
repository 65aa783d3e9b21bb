import { expect } from 'vitest';
import type { AppErrorShape } from '@shared/errors.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { dumpDatabase } from './temp-store.js';

/**
 * Operations run as the app runs them: through the registry (input validated, errors mapped), on a store's
 * context. `perform` wants the value, `refusalOf` the refusal.
 */
const registry = createRegistry();

/** An operation that refused: its message names the operation and the code; `shape` is the refusal. */
export class Refusal extends Error {
  constructor(
    readonly operation: string,
    readonly shape: AppErrorShape,
  ) {
    super(`${operation}: ${shape.code}: ${shape.message}`);
  }
}

/** The operation's value; throws a Refusal if it was refused. */
export async function perform<T = any>(ctx: ServiceContext, name: string, input: unknown = {}): Promise<T> {
  const result = await registry.dispatch(name, input, ctx);
  if (!result.ok) throw new Refusal(name, result.error);
  return result.value as T;
}

/** The refusal of an operation that must be refused; throws if it was accepted. */
export async function refusalOf(ctx: ServiceContext, name: string, input: unknown = {}): Promise<AppErrorShape> {
  const result = await registry.dispatch(name, input, ctx);
  if (result.ok) throw new Error(`${name} was expected to be refused`);
  return result.error;
}

/**
 * Runs an operation that must be refused with `code` and proves it wrote nothing (the database dumps the same
 * after). `what` names the case in a failure. Returns the refusal for further checks.
 */
export async function refusedWithNothingWritten(ctx: ServiceContext, name: string, input: unknown, code: string, what?: string): Promise<AppErrorShape> {
  const before = dumpDatabase(ctx.db);
  const result = await registry.dispatch(name, input, ctx);
  expect(result.ok, what).toBe(false);
  const refusal = result.ok ? undefined : result.error;
  expect(refusal?.code).toBe(code);
  expect(dumpDatabase(ctx.db)).toBe(before);
  return refusal!;
}
