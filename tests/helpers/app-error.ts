import { expect } from 'vitest';
import { AppError } from '@shared/errors.js';

/** The AppError `work` throws (or rejects with); the test fails when it throws nothing or something else. */
export async function appErrorOf(work: () => unknown, what?: string): Promise<AppError> {
  let caught: unknown;
  try {
    await work();
  } catch (error) {
    caught = error;
  }
  expect(caught, what).toBeInstanceOf(AppError);
  return caught as AppError;
}

/** The AppError (of class `type`, if given) `work` throws; the test fails when it throws nothing or something else. */
export function thrownAppError<E extends AppError = AppError>(work: () => unknown, type: new (...args: any[]) => E = AppError as never): E {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(type);
    return error as E;
  }
  throw new Error('expected an error');
}
