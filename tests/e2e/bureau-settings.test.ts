/**
 * Issue 12: the bureau desk's settings and its demo, in Chromium over the preview. The demo district says it is
 * demo data; the settings show the signing key's fingerprint as the operations answer it; the clerk leaves the
 * demo (an empty desk that says what to do first, with a new key), adds an officer with an uploaded key file (a
 * file that is not a key refused in Chinese), accepts a pending key only with the fingerprint read out (a misread
 * one refused), backs the desk up, downloads the backup and restores from it. Screenshots in both languages at
 * 1440×900 and 1366×768.
 */
import { chooseOption } from '../helpers/select-option.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationOutput } from '@shared/operations/index.js';
import { verifyBureauBackup } from '../../electron/bureau/backup.js';
import { ingestPacket } from '../../electron/bureau/ingest.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { findOfficer } from '../../electron/bureau/repository.js';
import { generateSigningKeyPair, keyFingerprint, readPublicKeyFile } from '../../electron/packets/keys.js';
import { writeWeeklyPacket } from '../fixtures/bureau/weekly-packet.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshot, screenshotBothSizes } from '../helpers/preview-browser.js';

const NOW = new Date('2026-12-02T10:00:00+08:00');

describe('the bureau desk: settings and the demo, in the browser', () => {
  let b: BureauPreview;
  const files = mkdtempSync(join(tmpdir(), 'sponsor-desk-e2e-bureau-settings-'));
  const about = async () => {
    const answer = await createBureauRegistry().dispatch('bureau.desk.about', {}, b.ctx);
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value as OperationOutput<'bureau.desk.about'>;
  };
  const openSettings = async (tab?: string) => {
    if (!(await b.page.locator('[data-testid=bureau-settings]').isVisible())) await b.page.locator('[data-testid=bureau-settings-open]').click();
    if (tab) await b.page.locator(`[data-testid=bureau-settings-${tab}]`).click();
  };
  const closeSettings = async () => {
    await b.page.locator('.ant-drawer-close').click();
    await b.page.locator('[data-testid=bureau-settings]').waitFor({ state: 'detached' });
  };
  /** The settings' own language choice (桌面), waited for on the page. */
  const chooseLanguage = async (label: string, lang: string) => {
    await openSettings('desk');
    await b.page.locator('[data-testid=bureau-settings-language] label', { hasText: label }).click();
    await b.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  };
  const fileInput = (scope: string) => b.page.locator(`${scope} input[type=file]`);

  beforeAll(async () => {
    b = await openBureauPreview(NOW);
  });
  afterAll(async () => {
    await b?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('says the demo is demo data, and shows the signing key fingerprint in groups for reading aloud', async () => {
    const { page } = b;
    await page.locator('[data-testid=demo-banner]').waitFor();
    expect(await page.locator('[data-testid=demo-banner]').innerText()).toContain('演示数据');
    await openSettings();
    const fingerprint = page.locator('[data-testid=bureau-key-fingerprint]');
    await fingerprint.waitFor();
    const desk = await about();
    expect(await fingerprint.getAttribute('data-fingerprint')).toBe(desk.fingerprint);
    expect(desk.fingerprint).toBe(readPublicKeyFile(b.ctx.publicKeyPath).fingerprint);
    expect((await fingerprint.innerText()).replace(/\s+/g, ' ')).toContain(`第5组 ${desk.fingerprint!.split(' ')[4]}`);
    expect(await page.locator('[data-testid=bureau-settings-name]').innerText()).toBe(desk.bureauName);
    await page.mouse.move(0, 0);
    await screenshotBothSizes(b.page, 'bureau-settings-zh');

    // English through the settings' own language choice, then back.
    await chooseLanguage('English', 'en');
    await page.locator('.ant-tabs-tab', { hasText: 'This office' }).click();
    expect(await page.locator('[data-testid=bureau-key]').innerText()).toContain('Group 5');
    await screenshotBothSizes(b.page, 'bureau-settings-en');
    await chooseLanguage('简体中文', 'zh-CN');
    await closeSettings();
    expect(b.pageErrors).toEqual([]);
  });

  it('sets the district’s time zone in the window: stored, said, and the loaded overview counted again', async () => {
    const { page } = b;
    await openSettings('office');
    const select = page.locator('[data-testid=bureau-time-zone]');
    expect(await select.locator('.ant-select-content').getAttribute('title')).toBe('Asia/Shanghai');
    const before = b.operationsCalled.length;
    await chooseOption(page, select, 'Europe/Berlin', { search: 'Europe/Berlin' });
    await page.getByText('时区已改为 Europe/Berlin').waitFor();
    const settings = await createBureauRegistry().dispatch('bureau.settings.get', {}, b.ctx);
    expect(settings.ok && (settings.value as { timeZone: string }).timeZone).toBe('Europe/Berlin');
    expect(await select.locator('.ant-select-content').getAttribute('title')).toBe('Europe/Berlin');
    // The write names the topic; the overview behind the drawer counts again by the new calendar.
    await expect.poll(() => b.operationsCalled.slice(before)).toEqual(expect.arrayContaining(['bureau.settings.set', 'bureau.summary']));
    // Back to Beijing time for the tests after this one.
    await chooseOption(page, select, 'Asia/Shanghai', { search: 'Asia/Shanghai' });
    await page.getByText('时区已改为 Asia/Shanghai').waitFor();
    await closeSettings();
    expect(b.pageErrors).toEqual([]);
  });

  it('leaves the demo: the demo kept aside, an empty desk with a new key that says to import the master list first', async () => {
    const { page } = b;
    const demo = await about();
    await page.locator('[data-testid=leave-demo]').click();
    expect(await page.locator('[data-testid=leave-demo-confirm]').innerText()).toContain('新的签名密钥');
    await page.locator('[data-testid=leave-demo-ok]').click();
    await page.locator('[data-testid=left-demo]').waitFor();
    await page.locator('[data-testid=empty-desk]').waitFor();
    expect(await page.locator('[data-testid=demo-banner]').count()).toBe(0);
    const desk = await about();
    expect(desk).toMatchObject({ demo: false, projects: 0, officers: 0 });
    expect(desk.fingerprint).not.toBe(demo.fingerprint);
    const kept = (await page.locator('[data-testid=left-demo]').innerText()).match(/演示数据保存为 (\S+?)；/)![1]!;
    expect(verifyBureauBackup(kept).keys?.fingerprint).toBe(demo.fingerprint);
    // The shell's views reloaded from the empty desk: the header's name is the real office's.
    await page.waitForFunction((name) => document.querySelector('[data-testid=bureau-name]')?.textContent === name, desk.bureauName);
    await page.mouse.move(0, 0);
    await screenshot(page, 'bureau-empty-desk-zh');
    await page.locator('.ant-notification-notice-close').click(); // read: out of the next screenshots
    await page.locator('[data-testid=empty-desk-import]').click();
    await page.locator('.ant-menu-item-selected [data-testid=bureau-nav-master]').waitFor();
    expect(b.pageErrors).toEqual([]);
  });

  it('adds an officer with an uploaded key file; a file that is not a key is refused in Chinese and adds no one', async () => {
    const { page } = b;
    await openSettings('officers');
    await page.locator('[data-testid=add-officer-open]').click();
    await page.locator('[data-testid=add-officer-name]').fill('周明');
    await page.locator('[data-testid=add-officer-unit]').fill('区商务局');
    writeFileSync(join(files, 'not-a-key.pub'), 'hello');
    await fileInput('[data-testid=add-officer]').setInputFiles(join(files, 'not-a-key.pub'));
    await page.getByText('已选：not-a-key.pub').waitFor();
    await page.locator('[data-testid=add-officer-ok]').click();
    const refused = page.locator('[data-testid=add-officer-refused]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('不是帮包责任人的公钥文件');
    expect(findOfficer(b.ctx.db, '周明', '区商务局')).toBeUndefined();

    const keys = generateSigningKeyPair();
    writeFileSync(join(files, '周明.pub'), keys.publicKeyPem);
    await fileInput('[data-testid=add-officer]').setInputFiles(join(files, '周明.pub'));
    await page.getByText('已选：周明.pub').waitFor();
    await page.locator('[data-testid=add-officer-ok]').click();
    await page.locator('[data-testid=add-officer]').waitFor({ state: 'detached' });
    const row = page.locator('[data-testid=officer-keys] tr', { hasText: '周明' });
    await row.waitFor();
    expect(await row.innerText()).toContain('已认可（密钥文件）');
    expect(findOfficer(b.ctx.db, '周明', '区商务局')?.keyFingerprint).toBe(keyFingerprint(keys.publicKeyPem));
    expect(b.pageErrors).toEqual([]);
  });

  it('accepts a pending key only with the fingerprint read out: a misread one is refused and nothing changes', async () => {
    const { page } = b;
    // An officer added without a key; their first packet waits for a read-back.
    await page.locator('[data-testid=add-officer-open]').click();
    await page.locator('[data-testid=add-officer-name]').fill('孟凡');
    await page.locator('[data-testid=add-officer-unit]').fill('区科技创新局');
    await page.locator('[data-testid=add-officer-ok]').click();
    await page.locator('[data-testid=add-officer]').waitFor({ state: 'detached' });
    const o = findOfficer(b.ctx.db, '孟凡', '区科技创新局')!;
    const keys = generateSigningKeyPair();
    const packet = await writeWeeklyPacket(files, { officer: { id: o.id, name: o.name, unit: o.unit, phone: o.phone }, keys, sequence: 1, changes: [] });
    expect((await ingestPacket(b.ctx, packet)).status).toBe('pending');
    await closeSettings(); // the settings load their views afresh when opened
    await openSettings('officers');
    const row = page.locator('[data-testid=officer-keys] tr', { hasText: '孟凡' });
    await row.locator('[data-testid=accept-key-open]').click();

    const right = keyFingerprint(keys.publicKeyPem);
    const misread = `${right.slice(0, 5)}${right[5] === '0' ? '1' : '0'}${right.slice(6)}`;
    await page.locator('[data-testid=accept-key-typed]').fill(misread);
    await page.locator('[data-testid=accept-key-ok]').click();
    const refused = page.locator('[data-testid=accept-key-refused]');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('都不一致，未接受');
    expect(findOfficer(b.ctx.db, '孟凡', '区科技创新局')?.keyFingerprint).toBeNull();
    await page.mouse.move(0, 0);
    await screenshot(page, 'bureau-settings-accept-zh');

    await page.locator('[data-testid=accept-key-typed]').fill(right.replace(/ /g, '').toLowerCase());
    await page.locator('[data-testid=accept-key-ok]').click();
    await page.locator('[data-testid=accept-key]').waitFor({ state: 'detached' });
    await row.getByText('已认可（电话核对）').waitFor();
    expect(findOfficer(b.ctx.db, '孟凡', '区科技创新局')?.keyFingerprint).toBe(right);
    await screenshot(page, 'bureau-settings-officers-zh');

    // Replacing the key says first what it voids (the packet the old key delivered), then what it did.
    await row.locator('[data-testid=key-file-open]').click();
    expect(await page.locator('[data-testid=key-file]').innerText()).toContain('1 个工作包将全部作废');
    await page.locator('[data-testid=key-file-ok]').click();
    expect(await page.locator('[data-testid=key-file-refused]').innerText()).toBe('请先选择密钥文件');
    const next = generateSigningKeyPair();
    writeFileSync(join(files, '孟凡-new.pub'), next.publicKeyPem);
    await fileInput('[data-testid=key-file]').setInputFiles(join(files, '孟凡-new.pub'));
    await page.getByText('已选：孟凡-new.pub').waitFor();
    await page.locator('[data-testid=key-file-ok]').click();
    await page.getByText('已更换 孟凡 的密钥 作废 1 个工作包').waitFor();
    expect(findOfficer(b.ctx.db, '孟凡', '区科技创新局')?.keyFingerprint).toBe(keyFingerprint(next.publicKeyPem));
    expect(b.pageErrors).toEqual([]);
  });

  it('backs the desk up, offers the backup as a download, and restores from the downloaded file', async () => {
    const { page } = b;
    await openSettings('backup');
    await page.locator('[data-testid=bureau-backup]').click();
    await page.locator('[data-testid=bureau-backup-done]').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=bureau-backup-download]').click()]);
    const saved = join(files, download.suggestedFilename());
    await download.saveAs(saved);
    expect(verifyBureauBackup(saved).keys?.fingerprint).toBe((await about()).fingerprint);
    await page.mouse.move(0, 0);
    await screenshot(page, 'bureau-settings-backup-zh');

    // Work after the backup is undone by the restore; the replaced database is kept in backups/.
    await createBureauRegistry().dispatch('bureau.officers.add', { name: '备份后', unit: '区财政局' }, b.ctx);
    await page
      .locator('span.ant-upload', { has: page.locator('[data-testid=bureau-restore-pick]') })
      .locator('input[type=file]')
      .setInputFiles({ name: 'backup.sqlite', mimeType: 'application/octet-stream', buffer: readFileSync(saved) });
    expect(await page.locator('[data-testid=bureau-restore-confirm]').innerText()).toContain('backups');
    await page.locator('[data-testid=bureau-restore-ok]').click();
    await page.locator('[data-testid=bureau-restored]').waitFor();
    expect(findOfficer(b.ctx.db, '备份后', '区财政局')).toBeUndefined();
    expect(findOfficer(b.ctx.db, '孟凡', '区科技创新局')).toBeDefined();
    expect(b.pageErrors).toEqual([]);
  });
});
