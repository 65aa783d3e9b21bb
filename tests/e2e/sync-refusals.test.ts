import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildSignedManifest,
  generateSigningKeyPair,
  keyFingerprint,
  writeAssignmentFile,
  writePacketFile,
  writePublicKeyFile,
  type KeyPairPem,
} from '../../electron/packets/index.js';
import { applyAssignment } from '../../electron/sync/assignment-import.js';
import { readBureauKey, readBureauKeyHistory } from '../../electron/sync/keys.js';
import type { AssignmentPayloadInput } from '@shared/packets/assignment.js';
import { latinWords } from '../helpers/latin-words.js';
import { openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';
import { dumpDatabase } from '../helpers/temp-store.js';
import { zipTo } from '../helpers/zip.js';

/**
 * Issue 13, points 3 and 6 in the browser. Point 6: each kind of bad file an officer can pick on 文件交换 (a
 * weekly packet for an assignment, a damaged zip, a tampered entry, a file that is no zip, a key file without
 * a PEM key, another officer's assignment, a stale one) is refused with a message that is Chinese to its end
 * (no Latin words but identifiers) and says what to do next; the store is unchanged. Point 3: another
 * bureau key is pinned only after a modal that shows both fingerprints and says to check by phone.
 */

const NOW = new Date('2026-11-24T10:00:00');

function payloadFor(officer: { id: string; name: string }): AssignmentPayloadInput {
  const id = randomUUID();
  return {
    officer: { id: officer.id, name: officer.name, unit: '区经济发展局', phone: '' },
    acknowledgedWeeklySequence: 0,
    note: '',
    projects: [
      {
        id,
        code: 'GX-2026-31',
        name: '新材料产业园项目',
        company: '枣庄示例企业有限公司',
        level: 'district',
        industry: '新材料',
        stage: 'construction',
        sponsoringLeader: '王立新',
        sponsoringUnit: '区经济发展局',
        officerId: officer.id,
        planYear: 2026,
        annualPlannedInvestment: 20000,
        totalInvestment: 80000,
        location: '高新区',
      },
    ],
    milestones: [],
    checklistItems: [],
    problems: [],
    problemEvents: [],
  };
}

describe('refusals on 文件交换 say, in Chinese, what happened and what to do', () => {
  let s: PreviewSession;
  let files: string;
  let bureau: KeyPairPem;
  const officer = { id: randomUUID(), name: '赵敏' };

  const writeAssignment = async (name: string, sequence: number, who = officer) => {
    const path = join(files, name);
    await writeAssignmentFile(path, {
      payload: payloadFor(who),
      sequence,
      createdAt: '2026-11-23T08:00:00.000Z',
      bureauName: '区经济发展局重点项目办',
      keys: bureau,
    });
    return path;
  };
  const errorText = () => s.page.locator('[data-testid=sync-screen] .ant-alert-error').first().innerText();
  const upload = (testId: string, path: string) =>
    s.page.locator(`[data-testid=${testId}]`).locator('xpath=ancestor::span[1]//input[@type="file"]').setInputFiles(path);

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'sponsor-desk-refusals-e2e-'));
    bureau = generateSigningKeyPair();
    writePublicKeyFile(join(files, 'bureau.pub'), bureau.publicKeyPem);
    s = await openPreview({ demo: false, now: () => NOW });
    // Another build replacing dist/renderer while the page loaded leaves it blank: a reload fixes that.
    await s.page.waitForSelector('[data-testid=nav-sync]', { timeout: 15_000 }).catch(async () => {
      s.pageErrors.length = 0;
      await s.page.reload();
    });
    await s.page.click('[data-testid=nav-sync]');
    await s.page.locator('[data-testid=sync-screen]').waitFor();
  });
  afterAll(async () => {
    await s?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('a key file without a PEM key: refused in Chinese with the next step, nothing pinned', async () => {
    const bad = join(files, 'bureau-key.pub');
    writeFileSync(bad, 'This is the bureau key, see the attachment of the e-mail.\n');
    const before = dumpDatabase(s.ctx.db);
    await upload('choose-key', bad);
    await expect.poll(errorText).toContain('请选择局里提供的公钥文件');
    const text = await errorText();
    expect(text).toContain('不是公钥文件');
    expect(latinWords(text), text).toEqual([]);
    expect(dumpDatabase(s.ctx.db)).toBe(before);
    // The real key file is pinned, and the officer's first assignment (no. 2) applied.
    await upload('choose-key', join(files, 'bureau.pub'));
    await expect.poll(() => readBureauKey(s.ctx.db)?.fingerprint).toBe(keyFingerprint(bureau.publicKeyPem));
    expect((await applyAssignment(s.ctx, await writeAssignment('assignment-2.zip', 2))).applied).toBe(true);
    // Applied behind the page's back: a reload shows it (the officer's name in the status).
    await s.page.reload();
    await s.page.click('[data-testid=nav-sync]');
    await expect.poll(() => s.page.locator('[data-testid=sync-status]').innerText()).toContain('赵敏');
  });

  it('each bad assignment file: a whole Chinese message with its next step, the store unchanged', async () => {
    const good = readFileSync(await writeAssignment('assignment-5.zip', 5));
    const officerKeys = generateSigningKeyPair();
    const weekly = join(files, 'weekly-赵敏-0001.zip');
    await writePacketFile(weekly, {
      kind: 'weekly',
      officerId: officer.id,
      sequence: 1,
      createdAt: '2026-11-23T08:00:00.000Z',
      senderName: officer.name,
      keys: officerKeys,
      writtenBy: 'test',
      entries: [{ path: 'changes.json', data: Buffer.from('{}') }],
    });
    const damaged = join(files, 'assignment-damaged.zip');
    writeFileSync(damaged, good.subarray(0, Math.floor(good.length / 2)));
    const notZip = join(files, 'assignment-3.zip');
    writeFileSync(notZip, '任务文件见附件，请查收。\n');
    // A tampered entry: the bureau signed one assignment.json, the file carries another.
    const signed = buildSignedManifest({
      kind: 'assignment',
      officerId: officer.id,
      sequence: 6,
      createdAt: '2026-11-23T08:00:00.000Z',
      senderName: '区经济发展局重点项目办',
      keys: bureau,
      writtenBy: 'test',
      entries: [{ path: 'assignment.json', data: Buffer.from('{"note":"原文"}') }],
    });
    const tampered = await zipTo(join(files, 'assignment-6.zip'), [
      { name: 'manifest.json', data: signed.manifestBytes },
      { name: 'manifest.sig', data: Buffer.from(signed.signatureText) },
      { name: 'assignment.json', data: Buffer.from('{"note":"改过"}') },
    ]);
    const otherOfficer = await writeAssignment('assignment-7.zip', 7, { id: randomUUID(), name: '王强' });
    const stale = await writeAssignment('assignment-1.zip', 1);

    const cases = [
      { label: 'a weekly packet', file: weekly, says: '这是工作包', next: '工作包应在局端导入' },
      { label: 'a damaged zip', file: damaged, says: '已损坏', next: '请让局里重新发送' },
      { label: 'a tampered entry', file: tampered, says: '校验值不符', next: '文件已损坏或被改动，请让局里重新发送' },
      { label: 'not a zip', file: notZip, says: '不是压缩包', next: '请确认选的是局里发来的任务文件' },
      { label: "another officer's", file: otherOfficer, says: '是发给王强的', next: '请确认选的是发给您本人的文件' },
      { label: 'a stale one', file: stale, says: '已过期', next: '请导入局里最近下发的任务文件' },
    ];
    for (const c of cases) {
      const before = dumpDatabase(s.ctx.db);
      await upload('choose-assignment', c.file);
      await expect.poll(errorText, { message: c.label }).toContain(c.next);
      const text = await errorText();
      expect(text, c.label).toContain(c.says);
      expect(latinWords(text), `${c.label}: ${text}`).toEqual([]);
      expect(await s.page.locator('[data-testid=assignment-preview]').count(), c.label).toBe(0);
      expect(dumpDatabase(s.ctx.db), c.label).toBe(before);
      if (c.file === weekly) await screenshot(s.page, 'sync-refusal-zh');
    }
    // The same refusal in the English UI is English, with its step.
    await s.page.click('[data-testid=language-switch]');
    await s.page.getByText('File exchange').first().waitFor();
    await upload('choose-assignment', weekly);
    await expect.poll(errorText).toContain('A weekly packet is imported at the bureau');
    await s.page.click('[data-testid=language-switch]');
    await s.page.getByText('文件交换').first().waitFor();
    expect(s.pageErrors).toEqual([]);
  });

  it('another bureau key: a modal shows both fingerprints and says to phone; only confirming replaces it', async () => {
    const { page, ctx } = s;
    const other = generateSigningKeyPair();
    const otherFile = join(files, 'bureau-new.pub');
    writePublicKeyFile(otherFile, other.publicKeyPem);
    const oldFp = keyFingerprint(bureau.publicKeyPem);
    const newFp = keyFingerprint(other.publicKeyPem);
    const before = dumpDatabase(ctx.db);

    await upload('choose-key', otherFile);
    const modal = page.locator('[data-testid=key-replace-modal]');
    await modal.waitFor();
    expect(await page.locator('[data-testid=key-replace-old]').getAttribute('data-fingerprint')).toBe(oldFp);
    expect(await page.locator('[data-testid=key-replace-new]').getAttribute('data-fingerprint')).toBe(newFp);
    // Grouped for reading aloud: every group of four on screen, four groups a line.
    const shownNew = await page.locator('[data-testid=key-replace-new]').innerText();
    for (const group of newFp.split(' ')) expect(shownNew).toContain(group);
    expect(
      shownNew
        .trim()
        .split('\n')
        .filter((l) => /[0-9A-F]{4}/.test(l)),
    ).toHaveLength(4);
    const shownOld = await page.locator('[data-testid=key-replace-old]').innerText();
    for (const group of oldFp.split(' ')) expect(shownOld).toContain(group);
    expect(await page.locator('[data-testid=key-replace-phone]').innerText()).toContain('打电话给局里');
    expect(dumpDatabase(ctx.db)).toBe(before); // asking wrote nothing
    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await screenshot(page, 'sync-key-replace-zh');

    await page.getByRole('button', { name: '取消' }).last().click();
    await modal.waitFor({ state: 'detached' });
    expect(dumpDatabase(ctx.db)).toBe(before);
    expect(readBureauKey(ctx.db)?.fingerprint).toBe(oldFp);

    await upload('choose-key', otherFile);
    await modal.waitFor();
    await page.locator('[data-testid=key-replace-confirm]').click();
    await expect.poll(() => readBureauKey(ctx.db)?.fingerprint).toBe(newFp);
    expect(readBureauKeyHistory(ctx.db).map((k) => k.fingerprint)).toEqual([oldFp]);
    expect((ctx.db.prepare('SELECT count(*) AS n FROM assignment_imports').get() as { n: number }).n).toBe(1);
    await expect.poll(() => page.locator('[data-testid=sync-status]').innerText()).toContain(newFp);
    expect(s.pageErrors).toEqual([]);
  });
});
