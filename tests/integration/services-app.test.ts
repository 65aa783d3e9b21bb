import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../electron/app/version.js';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { DEMO_OFFICER } from '../../electron/demo/demo-dataset.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';
import { FIXED_NOW, dumpDatabase, openTempStore } from '../helpers/temp-store.js';
import { useTempStore } from '../helpers/per-test.js';

const registry = createRegistry();

it('APP_VERSION equals the version in package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(APP_VERSION).toBe(pkg.version);
});

describe('app.info and settings', () => {
  const store = useTempStore({ demo: true });

  it('app.info describes the store, the officer and the language', async () => {
    const result = await registry.dispatch('app.info', {}, store.ctx);
    expect(result).toEqual({
      ok: true,
      value: {
        version: APP_VERSION,
        schemaVersion: MIGRATIONS.length,
        databasePath: store.ctx.databasePath,
        today: '2026-11-24',
        timeZone: 'Asia/Shanghai',
        officer: DEMO_OFFICER,
        language: 'zh-CN',
        demo: true,
        integrity: null, // not checked yet: the check runs in the background (store-integrity-check.test.ts)
      },
    });
  });

  it('the language choice is stored and survives reopening', async () => {
    expect(await registry.dispatch('settings.setLanguage', { language: 'en' }, store.ctx)).toEqual({ ok: true, value: { language: 'en' } });
    store.db.close();
    const reopened = openOfficerStore({ databasePath: store.ctx.databasePath, seedDemoWhenEmpty: true, now: () => FIXED_NOW });
    try {
      const info = await registry.dispatch('app.info', {}, reopened);
      expect(info).toMatchObject({ ok: true, value: { language: 'en' } });
    } finally {
      reopened.db.close();
    }
  });

  it('reopening a demo store does not seed it twice', () => {
    const before = dumpDatabase(store.db);
    store.db.close();
    const reopened = openOfficerStore({ databasePath: store.ctx.databasePath, seedDemoWhenEmpty: true, now: () => new Date('2026-12-10T09:00:00') });
    try {
      expect(dumpDatabase(reopened.db)).toBe(before);
    } finally {
      reopened.db.close();
    }
  });

  it('a fresh store without demo data has no officer and is not a demo', async () => {
    const empty = openTempStore();
    try {
      expect(await registry.dispatch('app.info', {}, empty.ctx)).toMatchObject({ ok: true, value: { officer: null, demo: false, language: 'zh-CN' } });
    } finally {
      empty.close();
    }
  });
});
