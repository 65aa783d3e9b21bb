import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

/**
 * The README's command-line rounds (the officer's and the bureau's), run as written in a scratch checkout
 * that has the project's .gitignore: everything they write (stores, the bureau's signing key bureau.key,
 * bureau.pub, assignment and packet folders, the ledger, backups) is ignored by git, so nobody commits a
 * signing key or a store by accident.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(root, 'electron/cli/sponsor-desk.mjs');

/** The `npx sponsor-desk …` lines of the README's shell block that contains `marker`, comments dropped. */
function readmeCommands(marker: string): string[][] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes(marker));
  if (!block) throw new Error(`README has no shell block with ${marker}`);
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx sponsor-desk '))
    .map((line) => line.split(/\s+/).slice(2));
}

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('sponsor-desk-readme-round-');
});
afterEach(() => dir.remove());

const git = (...args: string[]) => execFileSync('git', args, { cwd: dir.path, encoding: 'utf8' });

describe("the README's rounds leave nothing for git to commit", () => {
  it('runs the bureau round and the officer commands in a scratch checkout: git status stays clean', () => {
    git('init', '-q');
    copyFileSync(join(root, '.gitignore'), dir.file('.gitignore'));
    mkdirSync(dir.file('docs/samples'), { recursive: true });
    for (const name of readdirSync(join(root, 'docs/samples'))) copyFileSync(join(root, 'docs/samples', name), dir.file(join('docs/samples', name)));
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'checkout');

    const run = (args: string[]) => execFileSync(process.execPath, [CLI, ...args], { cwd: dir.path, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    const bureau = readmeCommands('bureau init');
    const officer = readmeCommands('trust-bureau');
    expect(bureau.length).toBeGreaterThanOrEqual(8);
    expect(officer.length).toBeGreaterThanOrEqual(4);
    const assignAt = bureau.findIndex((args) => args[1] === 'assign');
    for (const args of bureau.slice(0, assignAt + 1)) run(args);
    // The officer's lines name "assignment-李明-….zip": the file the bureau just wrote for that officer.
    const assignment = readdirSync(dir.file('outbox')).find((name) => name.startsWith('assignment-李明-'))!;
    for (const args of officer) run(args.map((a) => (a.startsWith('assignment-') ? join('outbox', assignment) : a)));
    for (const args of bureau.slice(assignAt + 1)) run(args);

    // The round did write its files (so a clean status means ignored, not absent) ...
    for (const file of ['bureau.key', 'bureau.pub', 'bureau.sqlite', 'officer.sqlite', 'ledger.xlsx', 'bureau-backup.sqlite']) expect(existsSync(dir.file(file)), file).toBe(true);
    expect(readdirSync(dir.file('packets')).length).toBeGreaterThan(0);
    // ... and git sees none of them.
    expect(git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});
