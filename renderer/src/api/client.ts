import type { AppErrorShape } from '@shared/errors';
import type { OperationInput, OperationName, OperationOutput } from '@shared/operations';
import type { Topic } from '@shared/operations/define';
import { operationChanges } from './operation-changes';
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

type ChangeListener = (changed: readonly Topic[]) => Promise<void>;
let onChange: ChangeListener = async () => undefined;

/** Who is told what a write changed: the store, which refreshes the views that read it (store/index.ts). */
export function whenChanged(listener: ChangeListener): void {
  onChange = listener;
}

/** After a successful write: the views that read what it changed are refreshed before its caller goes on. */
export async function announceChanges(name: OperationName): Promise<void> {
  const changes = operationChanges[name];
  if (changes && changes.length > 0) await onChange(changes);
}

/** The typed client of the table: the renderer's only way to the store. */
export async function call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await transport.api.invoke(name, input);
  if (!result.ok) throw new ApiError(result.error);
  await announceChanges(name);
  return result.value;
}
