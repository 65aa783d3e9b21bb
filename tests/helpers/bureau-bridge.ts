import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BureauContext } from '../../electron/bureau/context.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { startPreviewServer } from '../../electron/preview/server.js';
import { bridgeCookie, invokeOverBridge } from './bridge-session.js';

/** An operation's answer over the bridge, as a page gets it. */
export type BridgeAnswer<T> = { ok: true; value: T } | { ok: false; error: { code: string; params: Record<string, string | number> } };

/**
 * The bureau desk served to a page on `ctx` (the preview bridge, a stub page under `dir`, written files in
 * `outbox`), signed in: `call` is an operation as the page invokes it, so every file it names must be a handle.
 */
export async function serveBureauPage(dir: string, ctx: BureauContext, outbox: string) {
  mkdirSync(join(dir, 'static'), { recursive: true });
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  mkdirSync(outbox, { recursive: true });
  const server = await startPreviewServer({ desk: 'bureau', registry: createBureauRegistry(), ctx, staticDir: join(dir, 'static'), outboxDir: outbox });
  const cookie = await bridgeCookie(server as never);
  return {
    call: async <T>(name: string, input: unknown) => (await invokeOverBridge(server as never, cookie, name, input)).body as BridgeAnswer<T>,
    close: () => server.close(),
  };
}
