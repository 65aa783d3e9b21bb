import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PACKET_PROBLEMS } from '../../electron/packets/errors.js';
import type { AppErrorShape } from '@shared/errors.js';
import { REFUSALS, refusalKey, refusalNextStep, refusalText, type RefusalLang, type RefusalSurface } from '@shared/i18n/refusals.js';
import { syncErrorText } from '@shared/i18n/sync-messages.js';
import { latinWords } from '../helpers/latin-words.js';

/**
 * Issue 13, point 6: every refusal an officer can meet with a file or the exchange has a text in Chinese and
 * in English with a next step, in the one catalogue the sync screen and the CLI share
 * (shared/i18n/refusals.ts). The reasons are read from the code (the packet reasons' list, the `problem`s of
 * the key files, the `reason`s the sync code throws), so a new reason without its text fails here.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const source = (path: string) => readFileSync(join(root, path), 'utf8');
const filesIn = (dir: string) =>
  readdirSync(join(root, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`);

/** Each refusal the officer can meet, as the error shape the code throws (params as the code sets them). */
function refusals(): { label: string; error: AppErrorShape }[] {
  const shape = (code: AppErrorShape['code'], params: AppErrorShape['params']): AppErrorShape => ({
    code,
    message: 'English detail for logs',
    params,
    issues: [],
  });
  const list = PACKET_PROBLEMS.map((reason) => ({
    label: `packet ${reason}`,
    error: shape(reason.startsWith('signature_') ? 'packet_signature' : 'packet_invalid', {
      reason,
      entry: 'assignment.json',
      found: 'AAAA BBBB CCCC DDDD',
      expected: 'EEEE FFFF 0000 1111',
    }),
  }));
  list.push({ label: 'packet wrong_kind weekly', error: shape('packet_invalid', { reason: 'wrong_kind', found: 'weekly', expected: 'assignment' }) });
  list.push({ label: 'packet wrong_kind assignment', error: shape('packet_invalid', { reason: 'wrong_kind', found: 'assignment', expected: 'weekly' }) });
  // The key files' problems, as electron/packets/keys.ts names them.
  const problems = [...source('electron/packets/keys.ts').matchAll(/problem: '([a-z_]+)'/g)].map((m) => m[1]!);
  expect(problems.length).toBeGreaterThan(4);
  for (const problem of new Set(problems)) list.push({ label: `key ${problem}`, error: shape('invalid_input', { what: 'key', problem }) });
  // The reasons the exchange's code gives its refusals (demo store, another officer, the bureau key …).
  const syncFiles = [...filesIn('electron/sync'), 'electron/packets/container.ts', 'electron/packets/assignment-file.ts'];
  const reasons = new Map<string, AppErrorShape['code']>();
  for (const file of syncFiles) {
    for (const m of source(file).matchAll(
      /new AppError\(\s*'([a-z_]+)'[\s\S]{0,600}?reason: (?:confirmation === undefined \? )?'([a-z_]+)'(?: : '([a-z_]+)')?/g,
    )) {
      reasons.set(m[2]!, m[1] as AppErrorShape['code']);
      if (m[3]) reasons.set(m[3], m[1] as AppErrorShape['code']);
    }
  }
  for (const reason of ['demo_store', 'other_officer', 'bureau_key_replace', 'bureau_key_replace_mismatch']) expect(reasons.has(reason), reason).toBe(true);
  for (const [reason, code] of reasons) {
    if (code === 'illegal_transition' || code === 'internal') continue; // not a file's refusal: said by the general catalogue
    list.push({
      label: `${code} ${reason}`,
      error: shape(code, { reason, foundName: '王强', expectedName: '孙丽', fingerprint: 'AAAA BBBB CCCC DDDD', previousFingerprint: 'EEEE FFFF 0000 1111' }),
    });
  }
  // The codes thrown without a reason.
  list.push({ label: 'stale', error: shape('packet_stale', { found: 3, last: 5 }) });
  list.push({ label: 'already imported', error: shape('packet_already_imported', {}) });
  list.push({ label: 'withdraws most', error: shape('import_withdraws_most', { withdrawn: 5, active: 6 }) });
  list.push({ label: 'key missing', error: shape('key_missing', { what: 'bureau_key' }) });
  list.push({ label: 'empty upload', error: shape('invalid_input', { what: 'file' }) });
  list.push({
    label: 'empty key text',
    error: { ...shape('invalid_input', { what: 'sync.trustBureauKey', path: 'keyPem' }), issues: [{ path: 'keyPem', message: 'Too small' }] },
  });
  return list;
}

const SURFACES: RefusalSurface[] = ['screen', 'cli'];
const LANGS: RefusalLang[] = ['zh', 'en'];

describe('every refusal has a whole text and a next step in both languages', () => {
  const all = refusals();

  it('walks every packet reason, key problem and sync refusal', () => {
    expect(all.length).toBeGreaterThan(PACKET_PROBLEMS.length + 12);
  });

  it.each(all.map((r) => [r.label, r.error] as const))('%s', (_label, error) => {
    expect(refusalKey(error), 'a catalogue entry').not.toBeNull();
    for (const surface of SURFACES) {
      for (const lang of LANGS) {
        const text = refusalText(lang, error, surface);
        const next = refusalNextStep(lang, error, surface);
        expect(text, `${lang}/${surface}`).toBeTruthy();
        expect(next, `${lang}/${surface} next step`).toBeTruthy();
        expect(text!.endsWith(next!), `${lang}/${surface}: ends with its next step`).toBe(true);
        expect(text!.length, 'a sentence before the step').toBeGreaterThan(next!.length + 4);
        expect(text, 'every placeholder filled').not.toMatch(/\{\w+\}/);
        if (lang === 'zh') {
          expect(latinWords(text!), `${surface}: ${text}`).toEqual([]);
          expect(next!, 'a step says what to do').toMatch(/请|无需|不要/);
          expect(text, 'never the English detail').not.toContain('English detail');
        } else {
          expect(next!, 'a step says what to do').toMatch(/^[A-Z]/);
        }
      }
    }
    // The CLI says it through the same catalogue: Chinese whole, English with its step after the detail.
    expect(syncErrorText('zh', error)).toBe(refusalText('zh', error, 'cli'));
    expect(syncErrorText('en', error)).toContain(refusalNextStep('en', error, 'cli')!);
  });

  it('the catalogue has no entry without both texts and both steps', () => {
    for (const [key, r] of Object.entries(REFUSALS)) {
      for (const part of [r.zh, r.en]) expect(part.trim().length, key).toBeGreaterThan(5);
      for (const step of [r.nextZh, r.nextEn]) {
        const steps = typeof step === 'string' ? [step] : [step.screen, step.cli];
        for (const s of steps) expect(s.trim().length, key).toBeGreaterThan(5);
      }
    }
  });

  it("says the officer's likely mix-ups the way the issue asks", () => {
    const weekly = refusalText(
      'zh',
      { code: 'packet_invalid', message: '', params: { reason: 'wrong_kind', found: 'weekly', expected: 'assignment' }, issues: [] },
      'screen',
    )!;
    expect(weekly).toContain('这是工作包');
    expect(weekly).toContain('应在局端导入');
    const tampered = refusalText(
      'zh',
      { code: 'packet_invalid', message: '', params: { reason: 'hash_mismatch', entry: 'assignment.json' }, issues: [] },
      'screen',
    )!;
    expect(tampered).toContain('文件已损坏或被改动，请让局里重新发送');
  });
});
