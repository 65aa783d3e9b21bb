import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { createRegistry } from '../../electron/handlers/index.js';
import type { ProjectSummary } from '@shared/operations/index.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * The README's command-line rounds (the officer's and the bureau's), run as written in a scratch checkout
 * that has the project's .gitignore: everything they write (stores, the bureau's signing key bureau.key,
 * bureau.pub, assignment and packet folders, the ledger, backups) is ignored by git, so nobody commits a
 * signing key or a store by accident.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(root, 'electron/cli/sponsor-desk.mjs');

/**
 * The `npx sponsor-desk …` and `npx tsx …` lines of the README's shell block that contains `marker`,
 * comments dropped: ['sponsor-desk' | 'tsx', ...arguments].
 */
function readmeCommands(marker: string): string[][] {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes(marker));
  if (!block) throw new Error(`README has no shell block with ${marker}`);
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line.startsWith('npx sponsor-desk ') || line.startsWith('npx tsx '))
    .map((line) => line.split(/\s+/).slice(1));
}

const dir = useTempDir('sponsor-desk-readme-round-');

const git = (...args: string[]) => execFileSync('git', args, { cwd: dir.path, encoding: 'utf8' });

describe("the README's rounds leave nothing for git to commit", () => {
  it('runs the bureau round and the officer commands in a scratch checkout: git status stays clean', async () => {
    git('init', '-q');
    copyFileSync(join(root, '.gitignore'), dir.file('.gitignore'));
    mkdirSync(dir.file('docs/samples'), { recursive: true });
    for (const name of readdirSync(join(root, 'docs/samples'))) copyFileSync(join(root, 'docs/samples', name), dir.file(join('docs/samples', name)));
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'checkout');

    // `npx sponsor-desk` is the checkout's command; `npx tsx electron/…` a script of the checkout.
    const run = ([tool, ...args]: string[]) =>
      execFileSync(process.execPath, tool === 'tsx' ? ['--import', import.meta.resolve('tsx'), join(root, args[0]!), ...args.slice(1)] : [CLI, ...args], {
        cwd: dir.path,
        encoding: 'utf8',
        // A script of the checkout resolves @shared/… through the checkout's tsconfig.json, as when run from its root.
        env: { ...process.env, LANG: 'C', TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
      });
    const bureau = readmeCommands('bureau init');
    const officer = readmeCommands('trust-bureau');
    expect(bureau.length).toBeGreaterThanOrEqual(8);
    expect(officer.length).toBeGreaterThanOrEqual(4);
    const assignAt = bureau.findIndex((args) => args[2] === 'assign');
    for (const args of bureau.slice(0, assignAt + 1)) run(args);
    // The officer's lines name "assignment-李明-….zip": the file the bureau just wrote for that officer.
    const assignment = readdirSync(dir.file('outbox')).find((name) => name.startsWith('assignment-李明-'))!;
    for (const args of officer) run(args.map((a) => (a.startsWith('assignment-') ? join('outbox', assignment) : a)));
    // The line that accepts 李明's key names FINGERPRINT where the clerk types the digits read back by phone:
    // here, the fingerprint the pending list shows for the packets the officer's lines exported.
    const fingerprint = () => {
      const pending = JSON.parse(run(['sponsor-desk', 'bureau', 'officers', 'pending', '--json', '--db', 'bureau.sqlite'])) as {
        result: { fingerprint: string }[];
      };
      return pending.result[0]!.fingerprint;
    };
    for (const args of bureau.slice(assignAt + 1)) run(args.includes('FINGERPRINT') ? args.map((a) => (a === 'FINGERPRINT' ? fingerprint() : a)) : args);

    // The officer's first day with the list the round drew up today: nothing overdue yet (the committed
    // 2026 list, used in December, showed most tasks late and one 逾期 372 天).
    const store = openOfficerStore({ databasePath: dir.file('officer.sqlite'), seedDemoWhenEmpty: false });
    try {
      const listed = await createRegistry().dispatch('projects.list', {}, store);
      if (!listed.ok) throw new Error(listed.error.message);
      const projects = listed.value as ProjectSummary[];
      expect(projects).toHaveLength(6);
      expect(projects.map((p) => p.overdueItems)).toEqual([0, 0, 0, 0, 0, 0]);
    } finally {
      store.db.close();
    }

    // The round did write its files (so a clean status means ignored, not absent) ...
    for (const file of ['bureau.key', 'bureau.pub', 'bureau.sqlite', 'officer.sqlite', 'ledger.xlsx', 'bureau-backup.sqlite', 'samples/master-list.xlsx'])
      expect(existsSync(dir.file(file)), file).toBe(true);
    expect(readdirSync(dir.file('packets')).length).toBeGreaterThan(0);
    // ... and git sees none of them.
    expect(git('status', '--porcelain', '--untracked-files=all')).toBe('');
  });
});
