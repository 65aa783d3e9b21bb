import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { osc8, previewBanner } from '../../electron/preview/banner.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

/**
 * `npm run preview` prints the one-time address so a terminal makes it clickable: a plain
 * http://127.0.0.1:PORT/?k=… alone on its line; on a terminal (a TTY) also an OSC 8 hyperlink; never escape
 * codes in piped output. The README says "open the address it prints", not that it opens a browser.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const ADDRESS = /^http:\/\/127\.0\.0\.1:\d+\/\?k=[A-Za-z0-9_-]{43}$/;

const ESCAPE = /\u001b/;

let dir: TempDir;
let child: ChildProcess | null = null;
beforeEach(() => {
  dir = makeTempDir('sponsor-desk-preview-address-');
});
afterEach(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((done) => child!.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
  child = null;
  dir.remove();
});

/** Starts the preview as `npm run preview` does (after the build) and collects stdout until it is ready. */
function startPreview(command: string, args: string[]): Promise<string> {
  const env = { ...process.env, SPONSOR_DESK_DB: dir.file('store.sqlite'), SPONSOR_DESK_NO_DEMO: '1', PORT: '' };
  child = spawn(command, args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('Press Ctrl+C to stop.')) resolve(out);
    });
    child!.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child!.once('exit', (code) => reject(new Error(`preview exited with ${code}: ${err}${out}`)));
  });
}

const previewArgs = (): string[] => ['--import', 'tsx', 'electron/preview/start.ts', '--outbox', dir.file('outbox')];

describe('the preview prints its one-time address so a terminal makes it clickable', () => {
  it('piped: the plain address alone on its line, no escape codes, and it signs the browser in', async () => {
    const out = await startPreview(process.execPath, previewArgs());
    expect(out).not.toMatch(ESCAPE);
    const lines = out.split('\n');
    const addresses = lines.filter((line) => ADDRESS.test(line));
    expect(addresses).toHaveLength(1);
    expect(out).not.toMatch(/opens? in your browser/i);
    // The printed address is the real one: its first use answers with the session cookie.
    const res = await fetch(addresses[0]!, { redirect: 'manual' });
    expect(res.headers.get('set-cookie')).toBeTruthy();
  });

  it('on a terminal: the same line is an OSC 8 hyperlink to the same address', async () => {
    const command = [process.execPath, ...previewArgs()].map((a) => `'${a}'`).join(' ');
    // `script` gives the preview a pseudo-terminal, as a user's terminal would.
    const out = await startPreview('script', ['-qfec', command, '/dev/null']);
    const line = out.split(/\r?\n/).find((l) => l.includes('?k='))!;
    const url = /\u001b\]8;;(\S+?)\u001b\\/.exec(line)?.[1];
    expect(url).toMatch(ADDRESS);
    expect(line).toBe(osc8(url!));
  });

  it('the banner: plain off a terminal, hyperlinked on one, the address never indented or joined to text', () => {
    const openUrl = 'http://127.0.0.1:4173/?k=abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';
    const plain = previewBanner({ openUrl, databasePath: '/s.sqlite', outboxDir: '/o', tty: false });
    expect(plain.split('\n')).toContain(openUrl);
    expect(plain).not.toMatch(ESCAPE);
    const tty = previewBanner({ openUrl, databasePath: '/s.sqlite', outboxDir: '/o', tty: true });
    expect(tty.split('\n')).toContain(`\u001b]8;;${openUrl}\u001b\\${openUrl}\u001b]8;;\u001b\\`);
  });

  it('the README says what happens: the address is printed, no browser opens by itself', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/opens in your browser/i);
    expect(readme).toContain('`http://127.0.0.1:PORT/?k=…`');
  });
});
