/**
 * The sandboxed preload. It exposes exactly one object, `window.sponsorDesk`, with exactly one function,
 * `invoke(name, input)`, for names in the one operation table; nothing of Electron or Node reaches the page.
 * Sandboxed preloads cannot `require` local files, so build/build-electron.mjs bundles this file with the
 * operation table (and zod) into one CommonJS file that requires only `electron`.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { OperationResult } from '@shared/errors.js';
import { isOperationName, type SponsorDeskApi } from '@shared/operations/index.js';
import { DESK_CHOOSE } from '@shared/operations/desk.js';
import { API_GLOBAL, INVOKE_CHANNEL } from '../main/channel.js';

function unknownOperation(name: unknown): OperationResult<never> {
  const shown = String(name).slice(0, 100);
  return { ok: false, error: { code: 'not_found', message: `unknown operation ${shown}`, params: { operation: shown }, issues: [] } };
}

export const api = {
  invoke(name, input) {
    // Names outside the table never leave the page; the main process checks again.
    if (!isOperationName(name) && name !== DESK_CHOOSE) return Promise.resolve(unknownOperation(name));
    return ipcRenderer.invoke(INVOKE_CHANNEL, name, input);
  },
} satisfies SponsorDeskApi;

export type ExposedApi = typeof api;

contextBridge.exposeInMainWorld(API_GLOBAL, api);
