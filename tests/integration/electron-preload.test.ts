/**
 * The preload exposes one object with one function (checklist 20). Electron cannot run here, so `electron`
 * is mocked and the calls the preload makes on import are recorded.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const recorded = vi.hoisted(() => ({ exposed: [] as [string, unknown][], invoked: [] as unknown[][] }));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => {
      recorded.exposed.push([key, value]);
    },
  },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => {
      recorded.invoked.push(args);
      return { ok: true, value: 'from main' };
    },
    // present on the real object, and must never be reachable from the page
    send: () => {},
    on: () => {},
  },
}));

describe('preload', () => {
  beforeEach(() => {
    recorded.invoked.length = 0;
  });

  it('exposes exactly window.sponsorDesk = { invoke }', async () => {
    await import('../../electron/preload/index.js');
    expect(recorded.exposed.map(([key]) => key)).toEqual(['sponsorDesk']);
    const api = recorded.exposed[0]?.[1] as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(typeof api.invoke).toBe('function');
    // nothing of Electron leaks through the exposed object
    for (const value of Object.values(api)) expect(value).not.toHaveProperty('send');
  });

  it('sends names in the table over the one channel', async () => {
    const { api } = await import('../../electron/preload/index.js');
    await expect(api.invoke('app.info', {})).resolves.toEqual({ ok: true, value: 'from main' });
    expect(recorded.invoked).toEqual([['sponsor-desk:invoke', 'app.info', {}]]);
  });

  it('refuses names outside the table without sending anything', async () => {
    const { api } = await import('../../electron/preload/index.js');
    const invoke = api.invoke as (name: unknown, input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
    for (const name of ['nope', '__proto__', 'constructor', 'hasOwnProperty', 7, null, undefined]) {
      const result = await invoke(name, {});
      expect(result.ok, String(name)).toBe(false);
      expect(result.error?.code).toBe('not_found');
    }
    expect(recorded.invoked).toEqual([]);
  });
});

describe('preload: the desk choice', () => {
  it('sends desk.choose, the one call outside the table, over the same channel (main checks it like every call)', async () => {
    recorded.invoked.length = 0;
    const { api } = await import('../../electron/preload/index.js');
    const invoke = api.invoke as (name: unknown, input: unknown) => Promise<unknown>;
    await invoke('desk.choose', { desk: 'bureau' });
    expect(recorded.invoked).toEqual([['sponsor-desk:invoke', 'desk.choose', { desk: 'bureau' }]]);
  });
});
