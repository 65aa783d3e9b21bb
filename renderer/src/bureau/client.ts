import type { BureauOperationName, DeskApi, OperationInput, OperationOutput } from '@shared/operations';
import { ApiError } from '../api/client';
import { detectTransport } from '../api/transport';

/** The bureau desk's transport, typed so that only `bureau.*` operations can be named (the bridge serves no other). */
const api: DeskApi<'bureau'> = detectTransport().api;

/** The bureau desk's typed client: its screens' only way to the bureau database. */
export async function callBureau<N extends BureauOperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
  const result = await api.invoke(name, input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
