import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { keyFingerprint } from '../../electron/packets/index.js';
import { createRegistry } from '../../electron/handlers/index.js';
import type { ServiceContext } from '../../electron/handlers/context.js';
import { readBureauKey, readBureauKeyHistory } from '../../electron/sync/keys.js';
import type { OperationResult } from '@shared/errors.js';
import { countRows, dumpDatabase } from '../helpers/temp-store.js';
import { makeAssignment, makeBureau, makeOfficer, writeAssignment, type TestBureau } from './sync-fixtures.js';
import { runOfficerCli } from '../helpers/officer-cli.js';
import { useTempDir, useTempStore } from '../helpers/per-test.js';

/**
 * Issue 13, point 3: a different bureau key is never pinned silently. The operation (what the sync screen
 * and the preview bridge call) refuses to replace a pinned key unless the input repeats the new key's
 * fingerprint, and says both fingerprints in its refusal; the CLI needs --replace. A refusal writes nothing;
 * a confirmed replacement keeps the old key in the history and the assignments imported under it.
 */

const registry = createRegistry();
async function dispatch(
  ctx: ServiceContext,
  name: string,
  input: unknown,
): Promise<OperationResult<{ fingerprint: string; previousFingerprint: string | null; changed: boolean }>> {
  return (await registry.dispatch(name, input, ctx)) as never;
}

const store = useTempStore();
const dir = useTempDir();
let oldBureau: TestBureau;
let newBureau: TestBureau;
beforeEach(async () => {
  oldBureau = makeBureau(dir.path);
  newBureau = makeBureau(dir.path);
  // The officer pinned the bureau's key and imported the first assignment under it.
  expect((await dispatch(store.ctx, 'sync.trustBureauKey', { keyPem: oldBureau.keys.publicKeyPem })).ok).toBe(true);
  const first = await writeAssignment(dir.path, oldBureau, makeAssignment(makeOfficer('孙丽'), { projects: 2, items: 1 }), 1);
  const received = await registry.dispatch('files.receive', { fileName: 'a1.zip', contentBase64: readFileSync(first).toString('base64') }, store.ctx);
  if (!received.ok) throw new Error(received.error.message);
  const { file } = received.value as { file: string };
  const applied = await registry.dispatch('sync.applyAssignment', { file }, store.ctx);
  expect(applied.ok).toBe(true);
});

describe('sync.trustBureauKey with another key pinned', () => {
  it('refuses without a confirmation, names both fingerprints, and writes nothing', async () => {
    const before = dumpDatabase(store.db);
    const result = await dispatch(store.ctx, 'sync.trustBureauKey', { keyPem: newBureau.keys.publicKeyPem });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('conflict');
    expect(result.error.params).toMatchObject({
      reason: 'bureau_key_replace',
      fingerprint: keyFingerprint(newBureau.keys.publicKeyPem),
      previousFingerprint: keyFingerprint(oldBureau.keys.publicKeyPem),
    });
    expect(dumpDatabase(store.db)).toBe(before);
    expect(readBureauKey(store.db)?.fingerprint).toBe(keyFingerprint(oldBureau.keys.publicKeyPem));
  });

  it('refuses a confirmation that names another fingerprint (the old one, or a typo), writing nothing', async () => {
    const before = dumpDatabase(store.db);
    for (const confirmReplaceFingerprint of [keyFingerprint(oldBureau.keys.publicKeyPem), 'ABCD', '']) {
      const result = await dispatch(store.ctx, 'sync.trustBureauKey', { keyPem: newBureau.keys.publicKeyPem, confirmReplaceFingerprint });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.params.reason).toBe('bureau_key_replace_mismatch');
    }
    expect(dumpDatabase(store.db)).toBe(before);
  });

  it('replaces the key when confirmed with the new fingerprint; the old key and the imported assignment are kept', async () => {
    const oldFp = keyFingerprint(oldBureau.keys.publicKeyPem);
    const newFp = keyFingerprint(newBureau.keys.publicKeyPem);
    const imports = countRows(store.db, 'assignment_imports');
    const projects = countRows(store.db, 'projects');
    // Spaces and case as typed do not matter: it is the same fingerprint.
    const result = await dispatch(store.ctx, 'sync.trustBureauKey', {
      keyPem: newBureau.keys.publicKeyPem,
      confirmReplaceFingerprint: newFp.replaceAll(' ', '').toLowerCase(),
    });
    expect(result).toEqual({ ok: true, value: { fingerprint: newFp, previousFingerprint: oldFp, changed: true } });
    expect(readBureauKey(store.db)?.fingerprint).toBe(newFp);
    const history = readBureauKeyHistory(store.db);
    expect(history.map((k) => k.fingerprint)).toEqual([oldFp]);
    expect(history[0]!.publicKeyPem).toBe(oldBureau.keys.publicKeyPem);
    expect(countRows(store.db, 'assignment_imports')).toBe(imports);
    expect(countRows(store.db, 'projects')).toBe(projects);
    // Pinning the same key again is a no-op that needs no confirmation.
    const again = await dispatch(store.ctx, 'sync.trustBureauKey', { keyPem: newBureau.keys.publicKeyPem });
    expect(again).toEqual({ ok: true, value: { fingerprint: newFp, previousFingerprint: newFp, changed: false } });
    expect(readBureauKeyHistory(store.db)).toHaveLength(1);
  });
});

const cli = runOfficerCli;

function dumpFile(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return dumpDatabase(db);
  } finally {
    db.close();
  }
}

describe('sponsor-desk trust-bureau with another key pinned', () => {
  it('refuses without --replace, printing both fingerprints and the check by phone; --replace replaces and prints both', async () => {
    const db = dir.file('cli.db');
    const oldFp = keyFingerprint(oldBureau.keys.publicKeyPem);
    const newFp = keyFingerprint(newBureau.keys.publicKeyPem);
    expect((await cli(['trust-bureau', oldBureau.publicKeyFile, '--db', db], 'C')).code).toBe(0);
    const before = dumpFile(db);

    const zh = await cli(['trust-bureau', newBureau.publicKeyFile, '--db', db], 'zh_CN.UTF-8');
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain(oldFp);
    expect(zh.stderr).toContain(newFp);
    expect(zh.stderr).toContain('打电话');
    expect(zh.stderr).toContain('--replace');
    const en = await cli(['trust-bureau', newBureau.publicKeyFile, '--db', db], 'C');
    expect(en.code).toBe(1);
    expect(en.stderr).toContain(oldFp);
    expect(en.stderr).toContain(newFp);
    expect(en.stderr).toMatch(/phone the bureau/i);
    expect(dumpFile(db)).toBe(before);

    const replaced = await cli(['trust-bureau', newBureau.publicKeyFile, '--db', db, '--replace'], 'zh_CN.UTF-8');
    expect(replaced.code).toBe(0);
    expect(replaced.stdout).toContain(newFp);
    expect(replaced.stdout).toContain(oldFp);
    expect(dumpFile(db)).not.toBe(before);
    const check = new Database(db, { readonly: true });
    try {
      const row = check.prepare("SELECT value FROM settings WHERE key = 'bureau_key_history'").get() as { value: string };
      expect((JSON.parse(row.value) as { fingerprint: string }[]).map((k) => k.fingerprint)).toEqual([oldFp]);
    } finally {
      check.close();
    }
  });
});
