import { AppError, type OperationResult } from '@shared/errors.js';
import { DESK_CHOOSE } from '@shared/operations/desk.js';
import { isOperationName, type OperationName } from '@shared/operations/index.js';
import { INVOKE_CHANNEL } from './channel.js';
import { APP_ORIGIN, isTrustedSender } from './security.js';

export { INVOKE_CHANNEL };

/** The part of Electron's IpcMainInvokeEvent the handler reads. */
export interface InvokeEventLike {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

export interface InvokeHandlerOptions {
  /** Runs a validated name through the registry (`registry.dispatch(name, input, ctx)`); never throws. */
  dispatch(name: OperationName, input: unknown): Promise<OperationResult<unknown>>;
  /** The web contents of the app's window (null while it has none). Messages from any other are refused. */
  appWebContents(): unknown;
  /**
   * `desk.choose` (shared/operations/desk.ts): keeps the choice and opens that desk; the one call outside the
   * table, since it changes which desk's registry `dispatch` uses. Without it the name is unknown here.
   */
  chooseDesk?(input: unknown): Promise<OperationResult<unknown>>;
  appOrigin?: string;
  /** Told after every dispatched call, e.g. to rebuild the menus when the language changed. */
  onResult?(name: OperationName, result: OperationResult<unknown>): void;
  log?(message: string): void;
}

/** Thrown (so the renderer's promise rejects) when a message does not come from the app's own main frame. */
export class UntrustedSenderError extends Error {
  constructor(reason: string) {
    super(`IPC refused: ${reason}`);
    this.name = 'UntrustedSenderError';
  }
}

/**
 * Why a sender is refused, or null when it is the app: the main frame (no parent) of the app's window,
 * showing one of the app's own pages.
 */
export function senderRefusal(event: InvokeEventLike, appWebContents: unknown, appOrigin: string = APP_ORIGIN): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'sender frame is gone';
  if (appWebContents === null || appWebContents === undefined || event.sender !== appWebContents) return 'not the app window';
  if (frame.parent !== null && frame.parent !== undefined) return 'not the main frame';
  if (!isTrustedSender(frame.url, appOrigin)) return 'frame is not an app page';
  return null;
}

/**
 * The handler behind `ipcMain.handle(INVOKE_CHANNEL, …)`: checks the sender, checks the name is in the one
 * table, then dispatches (the registry validates the input with the entry's schema before any service sees
 * it and returns `{ ok: false, error }` for anything it refuses).
 */
export function createInvokeHandler(options: InvokeHandlerOptions) {
  const appOrigin = options.appOrigin ?? APP_ORIGIN;
  return async (event: InvokeEventLike, name: unknown, input: unknown): Promise<OperationResult<unknown>> => {
    const refusal = senderRefusal(event, options.appWebContents(), appOrigin);
    if (refusal) {
      options.log?.(`${refusal} (${String(event.senderFrame?.url ?? '').slice(0, 200)})`);
      throw new UntrustedSenderError(refusal);
    }
    if (name === DESK_CHOOSE && options.chooseDesk) return options.chooseDesk(input);
    if (!isOperationName(name)) {
      return {
        ok: false,
        error: new AppError('not_found', `unknown operation ${String(name).slice(0, 100)}`, { operation: String(name).slice(0, 100) }).toShape(),
      };
    }
    const result = await options.dispatch(name, input);
    options.onResult?.(name, result);
    return result;
  };
}

/** The part of `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Registers the one channel; returns a function that removes it. */
export function registerIpc(ipcMain: IpcMainLike, options: InvokeHandlerOptions): () => void {
  const handler = createInvokeHandler(options);
  ipcMain.removeHandler(INVOKE_CHANNEL);
  ipcMain.handle(INVOKE_CHANNEL, (event, name, input) => handler(event, name, input));
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}
