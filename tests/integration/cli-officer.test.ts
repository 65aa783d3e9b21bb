import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { keyFingerprint } from '../../electron/packets/index.js';
import { makeAssignment, makeBureau, makeOfficer, writeAssignment, type AssignmentShape, type TestBureau } from './sync-fixtures.js';
import { runOfficerCli } from '../helpers/officer-cli.js';
import { useTempDir } from '../helpers/per-test.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

const cli = runOfficerCli;

function projectCount(dbPath: string): number {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('sponsor-desk officer commands', () => {
  const dir = useTempDir();
  let bureau: TestBureau;
  let shape: AssignmentShape;
  let db: string;
  let file: string;

  beforeEach(async () => {
    bureau = makeBureau(dir.path);
    shape = makeAssignment(makeOfficer('孙丽'), { projects: 4, items: 2 });
    db = dir.file('officer.db');
    file = await writeAssignment(dir.path, bureau, shape, 1, { fileName: 'assignment-1.zip' });
  });

  it('trust-bureau pins the key and prints its fingerprint', async () => {
    const r = await cli(['trust-bureau', bureau.publicKeyFile, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(keyFingerprint(bureau.keys.publicKeyPem));
    expect(r.stderr).toBe('');
    const again = await cli(['trust-bureau', bureau.publicKeyFile, '--db', db, '--json']);
    expect(JSON.parse(again.stdout)).toEqual({
      fingerprint: keyFingerprint(bureau.keys.publicKeyPem),
      previousFingerprint: keyFingerprint(bureau.keys.publicKeyPem),
      changed: false,
    });
  });

  it('trust-bureau refuses a private key file and a missing file', async () => {
    const privateFile = dir.file('bureau.key');
    writeFileSync(privateFile, bureau.keys.privateKeyPem);
    const r = await cli(['trust-bureau', privateFile, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/private key/);
    expect(r.stdout).toBe('');
    expect((await cli(['trust-bureau', dir.file('nope.pub'), '--db', db])).code).toBe(1);
  });

  it('import before trusting the bureau fails with key_missing on stderr', async () => {
    const r = await cli(['import', file, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/key_missing/);
    expect(r.stdout).toBe('');
  });

  it('import --dry-run prints the changes and writes nothing; import applies; again says already imported (exit 0)', async () => {
    await cli(['trust-bureau', bureau.publicKeyFile, '--db', db]);
    const dry = await cli(['import', file, '--db', db, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Projects added: 4');
    expect(dry.stdout).toContain('Checklist items added: 8');
    expect(dry.stdout).toContain('Dry run: nothing was written.');
    expect(projectCount(db)).toBe(0);

    const applied = await cli(['import', file, '--db', db]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Projects added: 4');
    expect(applied.stdout).toMatch(/Applied\. A backup of the database made before importing: .*backups/);
    expect(projectCount(db)).toBe(4);
    expect(readdirSync(dir.file('backups')).length).toBe(1);

    const again = await cli(['import', file, '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Already imported on/);
    const json = await cli(['import', file, '--db', db, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'already_imported', applied: false, sequence: 1 });
  });

  it('speaks Chinese when LANG starts with zh', async () => {
    const trust = await cli(['trust-bureau', bureau.publicKeyFile, '--db', db], 'zh_CN.UTF-8');
    expect(trust.stdout).toContain('已信任经发局公钥');
    const r = await cli(['import', file, '--db', db], 'zh_CN.UTF-8');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('新增项目：4个');
    expect(r.stdout).toContain('本库将采用任务文件中的帮包责任人身份：孙丽');
    const bad = dir.file('bad.zip');
    writeFileSync(bad, 'not a zip');
    const refused = await cli(['import', bad, '--db', db], 'zh_CN.UTF-8');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('文件不是数据包');
    expect(refused.stderr).toContain('请让经发局重新发送'); // the next step (issue 13, point 6)
  });

  it('refuses bad files with a non-zero exit and the reason on stderr; --json errors are JSON', async () => {
    await cli(['trust-bureau', bureau.publicKeyFile, '--db', db]);
    const bad = dir.file('bad.zip');
    writeFileSync(bad, 'not a zip');
    const r = await cli(['import', bad, '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/packet_invalid\/not_a_zip/);
    const j = await cli(['import', bad, '--db', db, '--json']);
    expect(JSON.parse(j.stderr).error).toMatchObject({ code: 'packet_invalid', params: { reason: 'not_a_zip' } });
  });

  it('needs --allow-withdraw-most to withdraw most projects', async () => {
    await cli(['trust-bureau', bureau.publicKeyFile, '--db', db]);
    await cli(['import', file, '--db', db]);
    const fewer = structuredClone(shape);
    fewer.projects = fewer.projects.slice(0, 1);
    fewer.milestones = fewer.milestones.filter((m) => m.projectId === fewer.projects[0]!.id);
    fewer.checklistItems = fewer.checklistItems.filter((i) => i.projectId === fewer.projects[0]!.id);
    const second = await writeAssignment(dir.path, bureau, fewer, 2);
    const refused = await cli(['import', second, '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/withdraw 3 of your 4 active projects/);
    const dry = await cli(['import', second, '--db', db, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/needs --allow-withdraw-most/);
    const allowed = await cli(['import', second, '--db', db, '--allow-withdraw-most', '--json']);
    expect(allowed.code).toBe(0);
    expect(JSON.parse(allowed.stdout).changes.projects.withdrawn).toHaveLength(3);
  });

  it('export writes the packet into --out; usage errors exit 2', async () => {
    await cli(['trust-bureau', bureau.publicKeyFile, '--db', db]);
    await cli(['import', file, '--db', db]);
    const out = dir.file('out');
    mkdirSync(out);
    const r = await cli(['export', '--db', db, '--out', out, '--summary', '本周一切正常。', '--json']);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { filePath: string; sequence: number };
    expect(result.sequence).toBe(1);
    expect(existsSync(result.filePath)).toBe(true);
    const text = await cli(['export', '--db', db, '--out', out]);
    expect(text.stdout).toMatch(/Wrote weekly packet no\. 2: /);

    expect((await cli(['export', '--db', db])).code).toBe(2);
    expect((await cli(['import', '--db', db])).code).toBe(2);
    expect((await cli(['import', file, '--db', db, '--frobnicate'])).code).toBe(2);
    expect((await cli(['export', '--db', dir.file('missing.db'), '--out', out])).code).toBe(1);
    // A missing --out folder is created (as `bureau assign --out` does); a file in its place is refused.
    const created = await cli(['export', '--db', db, '--out', join(dir.file('new-dir'), 'inside'), '--json']);
    expect(created.code).toBe(0);
    expect(existsSync(JSON.parse(created.stdout).filePath)).toBe(true);
    writeFileSync(dir.file('a-file'), 'not a folder');
    expect((await cli(['export', '--db', db, '--out', dir.file('a-file')])).code).toBe(1);
    const key = await cli(['officer-key', '--db', db, '--out', dir.file('officer.pub'), '--json']);
    expect(key.code).toBe(0);
    expect(existsSync(dir.file('officer.pub'))).toBe(true);
  });

  it('on a terminal, import and export show their progress and clear it; --json shows none', async () => {
    await cli(['trust-bureau', bureau.publicKeyFile, '--db', db]);
    const imported = await cli(['import', file, '--db', db], 'en_US.UTF-8', { terminal: true });
    expect(imported.code).toBe(0);
    expect(imported.progress.length).toBeGreaterThan(1);
    expect(imported.progress.slice(0, -1).every((line) => /^\w+ \d+%$/.test(line))).toBe(true);
    expect(imported.progress.at(-1)).toBe('');
    const out = dir.file('out');
    const exported = await cli(['export', '--db', db, '--out', out], 'en_US.UTF-8', { terminal: true });
    expect(exported.code).toBe(0);
    expect(exported.progress).toContain('');
    expect(exported.progress.some((line) => /^\w+ 100%$/.test(line))).toBe(true);
    const quiet = await cli(['export', '--db', db, '--out', out, '--json'], 'en_US.UTF-8', { terminal: true });
    expect(quiet.code).toBe(0);
    expect(quiet.progress).toEqual([]);
  });

  it('runs as a real process: node electron/cli/sponsor-desk.mjs', async () => {
    const run = promisify(execFile);
    const bin = join(root, 'electron/cli/sponsor-desk.mjs');
    const env = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '' };
    await run(process.execPath, [bin, 'trust-bureau', bureau.publicKeyFile, '--db', db], { cwd: root, env });
    const { stdout } = await run(process.execPath, [bin, 'import', file, '--db', db, '--json'], { cwd: root, env });
    expect(JSON.parse(stdout)).toMatchObject({ status: 'ready', applied: true, sequence: 1 });
    const failed = await run(process.execPath, [bin, 'import', bureau.publicKeyFile, '--db', db], { cwd: root, env }).then(
      () => null,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toMatch(/not_a_zip/);
    expect(failed?.stdout).toBe('');
  });
});
