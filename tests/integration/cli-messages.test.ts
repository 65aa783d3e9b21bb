import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { generateSigningKeyPair } from '../../electron/packets/keys.js';
import { writeWeeklyPacket } from '../fixtures/bureau/weekly-packet.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';
import { makeAssignment, makeBureau, makeOfficer, writeAssignment } from './sync-fixtures.js';

/**
 * Issue 9, point 10: the `sponsor-desk` command as people meet it. Output cut short by a pipe ends quietly;
 * an old Node is told what to install instead of crashing; under a Chinese locale every refusal, usage and
 * error line is Chinese to its end (no English sentence tail), for the officer's commands and the bureau's.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const CLI = join(root, 'electron/cli/sponsor-desk.mjs');

let dir: TempDir;
beforeEach(() => {
  dir = makeTempDir('sponsor-desk-cli-messages-');
});
afterEach(() => dir.remove());

/** Runs the real command in a child process; `close` says which of its output streams is closed before it writes. */
function spawnCli(
  args: string[],
  options: { close: 'stdout' | 'stderr'; env?: Record<string, string> },
): Promise<{ code: number | null; signal: string | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    // The reader goes away at once, like `| head -c 10` after its ten bytes: every write of the command meets EPIPE.
    if (options.close === 'stdout') child.stdout.destroy();
    else child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    if (options.close === 'stderr') child.stderr.destroy();
    else child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, stdout }));
  });
}

describe('output cut short by a pipe', () => {
  it("stdout closed early: the work is done, the exit code is the command's, and no EPIPE stack trace", async () => {
    const db = join(dir.path, 'desk', 'bureau.sqlite');
    const r = await spawnCli(['bureau', 'init', '--db', db], { close: 'stdout' });
    expect(r.stderr).not.toMatch(/EPIPE|Error:|\n\s+at /);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(existsSync(db)).toBe(true); // the work went on to its end
    expect(existsSync(join(dir.path, 'desk', 'bureau.key'))).toBe(true);
  });

  it('stderr closed early: a refusal still ends with its own exit code (2 for wrong arguments), not a crash', async () => {
    const r = await spawnCli(['frobnicate'], { close: 'stderr' });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(2);
  });

  it('`sponsor-desk help | head -c 10` prints its ten bytes and nothing on stderr', () => {
    const out = execFileSync('sh', ['-c', `"${process.execPath}" "${CLI}" help 2>"${join(dir.path, 'err.txt')}" | head -c 10`], {
      env: { ...process.env, LANG: 'C' },
    });
    expect(out.toString()).toBe('Usage: spo');
    expect(readFileSync(join(dir.path, 'err.txt'), 'utf8')).toBe('');
  });
});

const SYSTEM_NODE = '/usr/bin/node';
const systemMajor = (() => {
  try {
    return Number(execFileSync(SYSTEM_NODE, ['-p', 'process.versions.node.split(".")[0]']).toString().trim());
  } catch {
    return Number.NaN;
  }
})();

describe.skipIf(!(systemMajor < 22))('started on a Node older than 22', () => {
  it('says so and how to get Node 24, in English and in Chinese, instead of crashing in the native SQLite module', () => {
    for (const [lang, expected] of [
      ['C', 'needs Node.js 22 or newer'],
      ['zh_CN.UTF-8', '需要 Node.js 22 或更高版本'],
    ] as const) {
      let stderr = '';
      let status: number | null = 0;
      try {
        execFileSync(SYSTEM_NODE, [CLI, 'bureau', 'init', '--db', join(dir.path, 'b.sqlite')], {
          env: { ...process.env, LANG: lang, LC_ALL: '', LC_MESSAGES: '' },
          stdio: 'pipe',
        });
      } catch (error) {
        const e = error as { status: number | null; stderr: Buffer; signal: string | null };
        stderr = e.stderr.toString();
        status = e.status;
        expect(e.signal).toBeNull(); // not a segfault
      }
      expect(status).toBe(1);
      expect(stderr).toContain(expected);
      expect(stderr).toContain(`${systemMajor}.`);
      expect(stderr).toContain('npm install --prefix ~/.local/node24 node@24');
      expect(existsSync(join(dir.path, 'b.sqlite'))).toBe(false); // nothing was started
    }
  });
});

/** Words a Chinese line may carry: command and subcommand names, formats and names of things that have no Chinese name. */
const ALLOWED = new Set([
  'sponsor-desk',
  'bureau',
  'import',
  'export',
  'trust-bureau',
  'officer-key',
  'sync-status',
  'init',
  'ingest',
  'import-master',
  'assign',
  'summary',
  'officers',
  'problems',
  'settings',
  'backup',
  'restore',
  'export-ledger',
  'export-summary',
  'bulletin',
  'list',
  'add',
  'pending',
  'accept-key',
  'reject-key',
  'voided',
  'raise',
  'act',
  'Sponsor',
  'Desk',
  'zip',
  'PEM',
  'PDF',
  'JPEG',
  'PNG',
  'WebP',
  'SHA',
  'Ed',
  'Excel',
  'CSV',
  'ID',
  'UUID',
  'IANA',
  'YYYY',
  'MM',
  'DD',
  'LANG',
  'Node',
  'js',
]);

/** The Latin words of `text` that are not identifiers: paths, options, codes, fingerprints, ids and the names above are taken out first. */
function foreignWords(text: string, tempDir: string, typed: readonly string[] = []): string[] {
  let t = text.replaceAll(tempDir, ' ');
  for (const arg of typed) t = t.replaceAll(arg, ' '); // what the person typed is quoted back as it was
  t = t
    .replace(/-----[A-Z ]+-----/g, ' ') // the PEM header a key file must start with
    .replace(/\S*[/\\|]\S*/g, ' ') // paths, and alternatives such as zh|en or dispatch|resolve
    .replace(/--[a-z][a-z-]*/g, ' ') // options
    .replace(/\[[a-z_/]+\]/g, ' ') // [code/reason]
    .replace(/\b[0-9A-F]{4}( [0-9A-F]{4}){3,}\b/g, ' ') // fingerprints
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, ' ') // ids
    .replace(/\S*\.(zip|pub|xlsx|csv|sqlite|json|key|md|html)\b/g, ' '); // file names and extensions
  const words = t.match(/[A-Za-z][A-Za-z0-9_-]*[A-Za-z0-9]/g) ?? [];
  // snake_case and words with digits are identifiers; YYYY-MM-DD is a format
  return words.filter((w) => !ALLOWED.has(w) && !w.includes('_') && !/\d/.test(w) && !/^[YMD]+(-[YMD]+)*$/.test(w));
}

describe("every message is whole in the user's language", () => {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const k of ['LANG', 'LC_ALL', 'LC_MESSAGES', 'SPONSOR_DESK_PASSPHRASE']) saved[k] = process.env[k];
  });
  afterAll(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  beforeEach(() => {
    delete process.env.LC_ALL;
    delete process.env.LC_MESSAGES;
    delete process.env.SPONSOR_DESK_PASSPHRASE;
  });

  async function run(args: string[], lang: string): Promise<{ code: number; text: string }> {
    process.env.LANG = lang;
    const lines: string[] = [];
    const code = await runCli(args, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
    return { code, text: lines.join('\n') };
  }

  /** The error paths a person meets: unknown commands, wrong arguments, missing and bad files, refused packets. */
  async function errorPaths(): Promise<{ label: string; args: string[]; code: number }[]> {
    const store = join(dir.path, 'officer.sqlite');
    const desk = join(dir.path, 'desk', 'bureau.sqlite');
    const bad = join(dir.path, 'bad.zip');
    writeFileSync(bad, 'this is not a zip file at all');
    const bureau = makeBureau(dir.path);
    const forger = makeBureau(dir.path, '冒名的经发局');
    const forged = await writeAssignment(dir.path, forger, makeAssignment(makeOfficer('王芳'), { projects: 1, items: 1 }), 1);
    mkdirSync(join(dir.path, 'out'));
    const stranger = await writeWeeklyPacket(dir.path, { officer: makeOfficer('不认识的人'), keys: generateSigningKeyPair(), sequence: 1, changes: [] });
    // Set up what the refusals need: a store that trusts the bureau, an initialised desk.
    process.env.LANG = 'C';
    expect(await runCli(['trust-bureau', bureau.publicKeyFile, '--db', store], { out: () => undefined, err: () => undefined })).toBe(0);
    expect(await runCli(['bureau', 'init', '--db', desk], { out: () => undefined, err: () => undefined })).toBe(0);
    return [
      { label: 'unknown command', args: ['frobnicate'], code: 2 },
      { label: 'import without --db', args: ['import'], code: 2 },
      { label: 'import with an unknown option', args: ['import', '--db', store, '--bogus', bad], code: 2 },
      { label: 'export without --out', args: ['export', '--db', store], code: 2 },
      { label: 'export with an extra argument', args: ['export', '--db', store, '--out', dir.path, 'extra'], code: 2 },
      { label: 'import a missing file', args: ['import', join(dir.path, 'missing.zip'), '--db', store], code: 1 },
      { label: 'import a bad file', args: ['import', bad, '--db', store], code: 1 },
      { label: 'import an assignment signed by another key', args: ['import', forged, '--db', store], code: 1 },
      { label: 'trust a file that is no key', args: ['trust-bureau', bad, '--db', store], code: 1 },
      { label: 'trust a missing key file', args: ['trust-bureau', join(dir.path, 'missing.pub'), '--db', store], code: 1 },
      { label: 'export from a missing store', args: ['export', '--db', join(dir.path, 'none.sqlite'), '--out', dir.path], code: 1 },
      { label: 'export before the first assignment', args: ['export', '--db', store, '--out', join(dir.path, 'out')], code: 1 },
      { label: 'bureau: unknown command', args: ['bureau', 'frobnicate'], code: 2 },
      { label: 'bureau: unknown option', args: ['bureau', 'init', '--db', desk, '--bogus'], code: 2 },
      { label: 'bureau: option without its value', args: ['bureau', 'summary', '--db'], code: 2 },
      { label: 'bureau: missing --out', args: ['bureau', 'assign', '--db', desk], code: 2 },
      { label: 'bureau: no desk yet', args: ['bureau', 'summary', '--db', join(dir.path, 'none', 'b.sqlite')], code: 1 },
      { label: 'bureau: ingest a missing file', args: ['bureau', 'ingest', join(dir.path, 'missing.zip'), '--db', desk], code: 1 },
      { label: 'bureau: ingest a bad file', args: ['bureau', 'ingest', bad, '--db', desk], code: 1 },
      { label: 'bureau: ingest a packet from an officer the desk does not know', args: ['bureau', 'ingest', stranger, '--db', desk], code: 1 },
      { label: 'bureau: a master list that is no spreadsheet', args: ['bureau', 'import-master', bad, '--db', desk], code: 1 },
      {
        label: 'bureau: a bulletin for a month not begun',
        args: ['bureau', 'bulletin', '--as-of', '2099-01', '--out', join(dir.path, 'b.html'), '--db', desk],
        code: 1,
      },
    ];
  }

  it('under LANG=zh_CN.UTF-8: Chinese to the end of every line, with identifiers only in Latin letters', async () => {
    const problems: string[] = [];
    for (const c of await errorPaths()) {
      const r = await run(c.args, 'zh_CN.UTF-8');
      expect(r.code, `${c.label}: ${r.text}`).toBe(c.code);
      expect(r.text, c.label).toMatch(/[\u4e00-\u9fff]/);
      const foreign = foreignWords(
        r.text,
        dir.path,
        c.args.filter((a) => !a.startsWith('-') && !['import', 'export', 'bureau'].includes(a)),
      );
      if (foreign.length > 0) problems.push(`${c.label}: ${foreign.join(' ')}\n${r.text}`);
    }
    expect(problems).toEqual([]);
  });

  it('the check finds English: the same paths under LANG=C are English, and flagged by the same check', async () => {
    let flagged = 0;
    const paths = await errorPaths();
    for (const c of paths) {
      const r = await run(c.args, 'C');
      expect(r.code, `${c.label}: ${r.text}`).toBe(c.code);
      if (foreignWords(r.text, dir.path).length > 0) flagged += 1;
    }
    expect(flagged).toBe(paths.length);
  });
});
