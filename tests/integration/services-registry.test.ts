import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '@shared/errors.js';
import { OPERATION_NAMES } from '@shared/operations/index.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { lazyBureau } from '../../electron/bureau/context.js';
import { appHandlers } from '../../electron/handlers/app.js';
import { createRegistry, OperationRegistry } from '../../electron/handlers/index.js';
import { projectHandlers } from '../../electron/handlers/projects.js';
import type { HandlerGroup } from '../../electron/handlers/registry.js';
import { dumpDatabase, openTempStore } from '../helpers/temp-store.js';
import { useTempStore } from '../helpers/per-test.js';

const store = useTempStore({ demo: true });

describe('registering handlers', () => {
  it('createRegistry() registers every operation exactly once', () => {
    expect(() => createRegistry()).not.toThrow();
    expect(() => createRegistry().assertComplete()).not.toThrow();
  });

  it('refuses a second handler for the same operation', () => {
    const registry = new OperationRegistry().register(appHandlers);
    expect(() => registry.register(appHandlers)).toThrow(/"app\.info" already has a handler/);
    expect(() => new OperationRegistry().register({ 'projects.list': projectHandlers['projects.list'] }).register(projectHandlers)).toThrow(
      /already has a handler/,
    );
  });

  it('refuses a handler for an operation not in the table', () => {
    const bogus = { 'projects.drop': () => ({}) } as unknown as HandlerGroup<'app.info'>;
    expect(() => new OperationRegistry().register(bogus)).toThrow(/unknown operation "projects\.drop"/);
  });

  it('assertComplete names the operations nobody handles', () => {
    expect(() => new OperationRegistry().register(appHandlers).assertComplete()).toThrow(/without a handler: .*projects\.list/);
    const missing = OPERATION_NAMES.filter((n) => !(n in appHandlers));
    expect(missing.length).toBeGreaterThan(0);
  });
});

describe('dispatch', () => {
  it('returns { ok: true, value } for a valid call', async () => {
    const result = await createRegistry().dispatch('settings.setLanguage', { language: 'en' }, store.ctx);
    expect(result).toEqual({ ok: true, value: { language: 'en' } });
  });

  it.each([['projects.drop'], [''], ['toString'], ['__proto__'], [42], [null], [undefined]])('unknown operation %s → not_found', async (name) => {
    const before = dumpDatabase(store.db);
    const result = await createRegistry().dispatch(name, {}, store.ctx);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('not_found');
    expect(dumpDatabase(store.db)).toBe(before);
  });

  it('a table name without a handler → not_found, not a crash', async () => {
    const result = await new OperationRegistry().register(appHandlers).dispatch('projects.list', {}, store.ctx);
    expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it.each([
    ['settings.setLanguage', { language: 'fr' }, 'language'],
    ['settings.setLanguage', {}, 'language'],
    ['settings.setLanguage', 'en', ''],
    ['projects.get', { projectId: 'GX-2026-001' }, 'projectId'],
    ['projects.list', { includeArchived: 'yes' }, 'includeArchived'],
  ])('%s with invalid input %j → invalid_input with issues, the handler never runs, the database unchanged', async (name, input, path) => {
    const before = dumpDatabase(store.db);
    const result = await createRegistry().dispatch(name, input, store.ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.issues.length).toBeGreaterThan(0);
    expect(result.error.issues[0]!.path).toBe(path);
    expect(result.error.issues[0]!.message).toBeTruthy();
    expect(result.error.params).toMatchObject({ what: name });
    expect(dumpDatabase(store.db)).toBe(before);
  });

  it('defaults of the input schema are applied before the handler sees the input', async () => {
    let seen: unknown;
    const registry = new OperationRegistry().register({
      'projects.list': (input) => {
        seen = input;
        return [];
      },
    });
    await registry.dispatch('projects.list', undefined, store.ctx);
    expect(seen).toEqual({ includeArchived: false });
  });

  it('an AppError thrown by a handler comes back as its code and params', async () => {
    const registry = new OperationRegistry().register({
      'projects.list': () => {
        throw new AppError('busy', 'an import is running', { what: 'import' });
      },
    });
    expect(await registry.dispatch('projects.list', {}, store.ctx)).toEqual({
      ok: false,
      error: { code: 'busy', message: 'an import is running', params: { what: 'import' }, issues: [] },
    });
  });

  it('any other exception becomes internal, never a rejected promise', async () => {
    const registry = new OperationRegistry().register({
      'projects.list': async () => {
        throw new TypeError('boom');
      },
    });
    expect(await registry.dispatch('projects.list', {}, store.ctx)).toMatchObject({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('output that breaks its schema is refused as an internal error, not blamed on the caller’s input', async () => {
    const registry = new OperationRegistry().register({ 'settings.setLanguage': () => ({ language: 'klingon' }) as never });
    const result = await registry.dispatch('settings.setLanguage', { language: 'en' }, store.ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('internal');
    expect(result.error.issues[0]?.path).toBe('language');
  });

  it('a handler result is returned as the output schema parsed it', async () => {
    const result = await createRegistry().dispatch('projects.list', {}, store.ctx);
    expect(result.ok).toBe(true);
    if (result.ok) expect(Array.isArray(result.value)).toBe(true);
  });
});

describe('a store held by another connection', () => {
  it('reports SQLITE_BUSY as the "busy" error, not an internal one, and writes nothing', async () => {
    const { openDatabase } = await import('../../electron/store/database.js');
    const store = openTempStore({ demo: true });
    try {
      store.ctx.db.pragma('busy_timeout = 50');
      const other = openDatabase(store.ctx.databasePath);
      other.exec('BEGIN IMMEDIATE'); // what a worker's import transaction does
      const before = dumpDatabase(other);
      const result = await createRegistry().dispatch('settings.setLanguage', { language: 'en' }, store.ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'busy' } });
      other.exec('ROLLBACK');
      expect(dumpDatabase(other)).toBe(before);
      other.close();
    } finally {
      store.close();
    }
  });
});

describe('one registry per desk', () => {
  it("the officer's registry neither needs nor serves bureau.* names; the bureau's neither needs nor serves the officer's", async () => {
    const officer = createRegistry();
    const bureau = createBureauRegistry();
    expect(await officer.dispatch('bureau.summary', {}, store.ctx)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const desk = lazyBureau(join(store.ctx.attachmentsDir, '..', 'never-made.sqlite'));
    expect(await bureau.dispatch('projects.list', {}, desk)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    desk.close();
    expect(() => new OperationRegistry('bureau').register(appHandlers as never)).toThrow(/unknown operation "app\.info"/);
    expect(() => new OperationRegistry('bureau').assertComplete()).toThrow(/without a handler: bureau\.init/);
    expect(() => new OperationRegistry('bureau').assertComplete()).not.toThrow(/(?<!bureau\.)projects\.list/);
  });

  it('a bureau operation gets a BureauContext and answers data, its input checked by the table', async () => {
    const bureau = createBureauRegistry();
    const desk = lazyBureau(join(store.ctx.attachmentsDir, '..', 'bureau', 'bureau.sqlite'), () => new Date('2026-11-30T09:00:00Z'));
    try {
      const init = await bureau.dispatch('bureau.init', { name: '测试局' }, desk);
      expect(init).toMatchObject({ ok: true, value: { created: true, bureauName: '测试局' } });
      expect(await bureau.dispatch('bureau.settings.get', {}, desk)).toEqual({
        ok: true,
        value: { bureauName: '测试局', timeZone: 'Asia/Shanghai', changed: false },
      });
      expect(await bureau.dispatch('bureau.ingest', { paths: [] }, desk)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      expect(await bureau.dispatch('bureau.officers.list', {}, desk)).toEqual({ ok: true, value: [] });
      const added = await bureau.dispatch('bureau.officers.add', { name: '李明', unit: '区发改局' }, desk);
      expect(added).toMatchObject({ ok: true, value: { created: true, key: 'none', officer: { name: '李明' } } });
      // `officers add --officer NAME` without a key names the officer already registered.
      expect(await bureau.dispatch('bureau.officers.add', { officer: '李明' }, desk)).toMatchObject({ ok: true, value: { created: false, key: 'none' } });
    } finally {
      desk.close();
    }
  });
});
