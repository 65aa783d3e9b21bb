import { afterAll, beforeAll } from 'vitest';
import { openPreview, type PreviewSession } from './preview-browser.js';

/**
 * A preview for the tests of the enclosing describe: opened before them (then made `ready`, e.g. a screen
 * opened), closed after them. Returns a stand-in for the session that reaches it once it is open.
 */
export function usePreview(options: Parameters<typeof openPreview>[0], ready?: (s: PreviewSession) => Promise<void>): PreviewSession {
  let session: PreviewSession | undefined;
  beforeAll(async () => {
    session = await openPreview(options);
    await ready?.(session);
  });
  afterAll(async () => {
    await session?.close();
    session = undefined;
  });
  return new Proxy({} as PreviewSession, {
    get(_target, key) {
      if (session === undefined) throw new Error('the preview is open only while the describe runs its tests');
      return Reflect.get(session, key) as unknown;
    },
  });
}
