import { operations, type BureauOperationName, type DeskApi, type OperationInput, type OperationOutput } from '@shared/operations';
import type { OperationSpec, Topic } from '@shared/operations/define';
import { ApiError } from '../api/client';
import { detectTransport } from '../api/transport';

/** The bureau desk's transport, typed so that only `bureau.*` operations can be named (the bridge serves no other). */
const api: DeskApi<'bureau'> = detectTransport().api;

type ChangeListener = (changed: readonly Topic[]) => Promise<void>;
let onChange: ChangeListener = async () => undefined;

/** Who is told what a bureau write changed: the bureau store, which reloads the views that read it. */
export function whenBureauChanged(listener: ChangeListener): void {
  onChange = listener;
}

/** The bureau desk's typed client: its screens' only way to the bureau database. A write's `changes` refresh the views before it answers. */
export async function callBureau<N extends BureauOperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await api.invoke(name, input);
  if (!result.ok) throw new ApiError(result.error);
  await announceBureauChanges(name);
  return result.value;
}

/** Tells the store what `name` changed (its entry's `changes`): after a call, or after a job of that kind is done (jobs.ts). */
export async function announceBureauChanges(name: BureauOperationName): Promise<void> {
  const changes = (operations[name] as OperationSpec).changes;
  if (changes && changes.length > 0) await onChange(changes);
}
