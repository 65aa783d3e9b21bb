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

/** The AppError `work` throws; the test fails when it throws nothing or something else. */
export function thrownAppError(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an error');
}
