import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_OFFICER } from '../../electron/demo/demo-dataset.js';
import { createRegistry } from '../../electron/handlers/index.js';
import { writeSetting } from '../../electron/store/repositories/settings.js';
import { MIGRATIONS } from '../../electron/store/migrations/index.js';
import { dumpDatabase, openTempStore, type TempStore, storedSetting } from '../helpers/temp-store.js';
import { useTempStore } from '../helpers/per-test.js';
import { perform } from '../helpers/operations.js';

const registry = createRegistry();

const officerSetting = (store: TempStore) => storedSetting(store.db, 'officer');

describe('settings.get', () => {
  const store = useTempStore({ demo: true });

  it('shows the officer, where the data lives and that the identity is editable', async () => {
    expect(await perform(store.ctx, 'settings.get')).toEqual({
      officer: DEMO_OFFICER,
      identitySource: 'officer',
      databasePath: store.ctx.databasePath,
      attachmentsDir: store.ctx.attachmentsDir,
      backupsDir: join(dirname(store.ctx.databasePath), 'backups'),
      schemaVersion: MIGRATIONS.length,
      timeZone: 'Asia/Shanghai',
    });
  });
});

describe('settings.setOfficer', () => {
  let store: TempStore;
  afterEach(() => store.close());

  it('changes name, unit and phone and keeps the officer’s id', async () => {
    store = openTempStore({ demo: true });
    const result = await registry.dispatch('settings.setOfficer', { name: ' 张华 ', unit: '区发展和改革局', phone: '0632-1234567' }, store.ctx);
    expect(result).toEqual({ ok: true, value: { id: DEMO_OFFICER.id, name: '张华', unit: '区发展和改革局', phone: '0632-1234567' } });
    expect(officerSetting(store)).toEqual({ id: DEMO_OFFICER.id, name: '张华', unit: '区发展和改革局', phone: '0632-1234567' });
    const info = await registry.dispatch('app.info', {}, store.ctx);
    expect(info.ok && (info.value as { officer: { name: string } }).officer.name).toBe('张华');
  });

  it('creates an id when there was no officer yet', async () => {
    store = openTempStore();
    expect(officerSetting(store)).toBeNull();
    const result = await registry.dispatch('settings.setOfficer', { name: '李明', unit: '区经济发展局' }, store.ctx);
    expect(result.ok).toBe(true);
    const saved = officerSetting(store) as { id: string; phone: string };
    expect(saved.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(saved.phone).toBe('');
    const again = await registry.dispatch('settings.setOfficer', { name: '李明', unit: '区商务局' }, store.ctx);
    expect(again.ok && (again.value as { id: string }).id).toBe(saved.id);
  });

  it.each([
    ['an empty name', { name: '  ', unit: '区经济发展局' }],
    ['no unit', { name: '李明' }],
    ['a name too long', { name: '李'.repeat(101), unit: '区经济发展局' }],
    ['a phone too long', { name: '李明', unit: '区经济发展局', phone: '1'.repeat(41) }],
    ['a number for a name', { name: 42, unit: '区经济发展局' }],
  ])('refuses %s and writes nothing', async (_what, input) => {
    store = openTempStore({ demo: true });
    const before = dumpDatabase(store.db);
    const result = await registry.dispatch('settings.setOfficer', input, store.ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid_input');
    expect(dumpDatabase(store.db)).toBe(before);
  });

  it('refuses to edit an identity that came from the bureau’s assignment', async () => {
    store = openTempStore({ demo: true });
    writeSetting(store.db, 'identitySource', 'assignment');
    const view = await registry.dispatch('settings.get', {}, store.ctx);
    expect(view.ok && (view.value as { identitySource: string }).identitySource).toBe('assignment');
    const before = dumpDatabase(store.db);
    const result = await registry.dispatch('settings.setOfficer', { name: '张华', unit: '区发展和改革局' }, store.ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('illegal_transition');
    expect(dumpDatabase(store.db)).toBe(before);
  });
});
