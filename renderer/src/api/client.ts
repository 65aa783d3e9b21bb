import type { AppErrorShape } from '@shared/errors';
import type { OperationInput, OperationName, OperationOutput } from '@shared/operations';
import { detectTransport } from './transport';

/** An operation's error, carried to the UI, which says it in the user's language (see errorMessage in i18n/index.ts). */
export class ApiError extends Error {
  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
    this.name = 'ApiError';
  }
}

const transport = detectTransport();
export const transportKind = transport.kind;

/** The typed client of the table: the renderer's only way to the store. */
export async function call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await transport.api.invoke(name, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
