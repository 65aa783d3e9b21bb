import type { OperationResult } from '@shared/errors';
import { DESK_CHOOSE, type DeskChoice, type DeskChooseOutput, type PageDesk } from '@shared/operations/desk';
import { desk } from '../api/desk';
import { ApiError } from '../api/client';
import { detectTransport } from '../api/transport';

/**
 * What this page shows: the desk served, or the first start's choice (both from the meta tag whoever served
 * the page wrote: the desktop app's protocol handler or the preview bridge, electron/app/desk-choice.ts).
 */
export const pageDesk: PageDesk = document.querySelector('meta[name="sponsor-desk-desk"]')?.getAttribute('content') === 'choose' ? 'choose' : desk;

/** The other desk, for the switch button. */
export const otherDesk = (current: DeskChoice): DeskChoice => (current === 'officer' ? 'bureau' : 'officer');

/**
 * Opens a desk. In the desktop app: `desk.choose` over the one IPC channel, after which the main process
 * reloads the page as that desk ('reloading'). The preview serves one desk per start and cannot switch
 * ('preview': the caller says how to restart it).
 */
export async function chooseDesk(chosen: DeskChoice): Promise<'reloading' | 'preview'> {
  const transport = detectTransport();
  if (transport.kind === 'http') return 'preview';
  // desk.choose is the one call outside the operation table (shared/operations/desk.ts): the typed client cannot name it.
  const invoke = transport.api.invoke as unknown as (name: string, input: unknown) => Promise<OperationResult<DeskChooseOutput>>;
  const result = await invoke(DESK_CHOOSE, { desk: chosen });
  if (!result.ok) throw new ApiError(result.error);
  return 'reloading';
}
