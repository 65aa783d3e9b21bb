import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_OFFICER } from '../../electron/demo/demo-dataset.js';
import { insertVisit } from '../../electron/store/repositories/visits.js';
import { fullScreenshot, openScreen } from '../helpers/preview-browser.js';
import { storedSetting } from '../helpers/temp-store.js';
import { usePreview } from '../helpers/use-preview.js';

const PROJECT_ID = '00000000-0000-4000-8000-00000000000a';

/** Settings (设置): identity saved as typed, language, data folder, backup now and restore with confirmation. */
describe('settings', () => {
  const s = usePreview({ now: () => new Date('2026-11-24T10:00:00') }, (session) => openScreen(session, 'nav-settings', 'settings-screen'));
  const setting = (key: string) => storedSetting(s.ctx.db, key);
  const officer = () => setting('officer') as { id: string; name: string; unit: string; phone: string };
  const countVisits = (db = s.ctx.db) => (db.prepare('SELECT count(*) AS n FROM visits').get() as { n: number }).n;

  it('saves the officer’s name when the field is left, keeping the id, and shows it in the header', async () => {
    const { page } = s;
    const name = page.locator('[data-testid=officer-name-input]');
    expect(await name.inputValue()).toBe(DEMO_OFFICER.name);
    await name.fill('张华');
    await page.keyboard.press('Tab');
    await expect.poll(() => officer().name).toBe('张华');
    expect(officer()).toEqual({ ...DEMO_OFFICER, name: '张华' });
    await expect.poll(() => page.locator('[data-testid=officer-name]').innerText()).toBe(`张华 · ${DEMO_OFFICER.unit}`);
    await page.locator('[data-testid=officer-saved]').waitFor();
  });

  it('refuses an empty name or a bad phone with a message in Chinese, keeps what was typed and stores nothing', async () => {
    const { page } = s;
    const name = page.locator('[data-testid=officer-name-input]');
    await name.fill('');
    await page.keyboard.press('Tab');
    await page.getByText('请填写姓名').waitFor();
    expect(officer().name).toBe('张华');

    const phone = page.locator('[data-testid=officer-phone-input]');
    await phone.fill('请打我手机');
    await page.keyboard.press('Tab');
    await page.getByText('电话只能包含数字、空格和 + - ( ) 符号').waitFor();
    expect(await phone.inputValue()).toBe('请打我手机');
    expect(officer().phone).toBe(DEMO_OFFICER.phone);

    await phone.fill('0632-1234567');
    await name.fill('王芳');
    await name.press('Enter');
    await expect.poll(() => officer()).toEqual({ ...DEMO_OFFICER, name: '王芳', phone: '0632-1234567' });
  });

  it('shows where the data lives', async () => {
    const { page } = s;
    expect(await page.locator('[data-testid=data-database]').innerText()).toContain(s.ctx.databasePath);
    expect(await page.locator('[data-testid=data-attachments]').innerText()).toContain(s.ctx.attachmentsDir);
    expect(await page.locator('[data-testid=data-backups]').innerText()).toContain(join(s.dir, 'backups'));
  });

  it('backs up now, and restores that backup after confirmation: the later write is gone and kept aside', async () => {
    const { page } = s;
    await page.locator('[data-testid=backup-now]').click();
    await expect.poll(() => page.locator('[data-testid=backup-row]').count()).toBe(1);
    const fileName = (await page.locator('[data-testid=backup-row]').first().getAttribute('data-file'))!;
    expect(fileName).toMatch(/^sponsor-desk-\d{8}-\d{6}\.sqlite$/);
    expect(existsSync(join(s.dir, 'backups', fileName))).toBe(true);
    expect(await page.locator('[data-testid=backup-row]').first().innerText()).toContain('手动备份');

    // Work goes on after the backup.
    const atBackup = countVisits();
    const laterVisit = randomUUID();
    insertVisit(s.ctx.db, {
      id: laterVisit,
      projectId: PROJECT_ID,
      visitedOn: '2026-11-24',
      kind: 'call',
      participants: '',
      summary: '备份之后的电话沟通',
      findings: '',
      followUps: '',
      recordedAt: new Date().toISOString(),
      recordedBy: '王芳',
    });
    expect(countVisits()).toBe(atBackup + 1);
    const before = s.ctx.db;

    await page.locator(`[data-testid=backup-row][data-file="${fileName}"] [data-testid=backup-restore]`).click();
    const dialog = page.locator('.ant-modal-confirm');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/从 .*2026.* 的备份恢复？/);
    expect(await dialog.innerText()).toContain(fileName);
    // Cancel first: nothing happens.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(s.ctx.db).toBe(before);
    expect(countVisits()).toBe(atBackup + 1);

    await page.locator(`[data-testid=backup-row][data-file="${fileName}"] [data-testid=backup-restore]`).click();
    await page.locator('[data-testid=restore-confirm]').click();
    await page.getByText(/已恢复到 .* 的备份/).waitFor();
    expect(s.ctx.db).not.toBe(before);
    expect(countVisits()).toBe(atBackup);
    expect(s.ctx.db.prepare('SELECT count(*) AS n FROM visits WHERE id = ?').get(laterVisit)).toEqual({ n: 0 });
    expect(s.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');

    await expect.poll(() => page.locator('[data-testid=backup-row]').count()).toBe(2);
    const keptAside = (await page.locator('[data-testid=backup-row]', { hasText: '恢复前自动保留' }).getAttribute('data-file'))!;
    expect(keptAside).toMatch(/^sponsor-desk-before-restore-\d{8}-\d{6}\.sqlite$/);
    const kept = new Database(join(s.dir, 'backups', keptAside), { readonly: true });
    try {
      expect(kept.prepare('SELECT summary FROM visits WHERE id = ?').get(laterVisit)).toEqual({ summary: '备份之后的电话沟通' });
    } finally {
      kept.close();
    }
    // The app keeps working on the restored store.
    await page.locator('[data-testid=nav-home]').click();
    await expect.poll(() => page.locator('[data-testid=project-row]').count()).toBe(6);
    await page.locator('[data-testid=nav-settings]').click();
    await page.waitForSelector('[data-testid=backup-row]');
    await page.locator('h3').click();
    await fullScreenshot(page, 'settings-zh');
  });

  it('switches the language and stores it', async () => {
    const { page } = s;
    await page.locator('[data-testid=settings-language-en]').click();
    await page.getByText('Sponsor officer').waitFor();
    await expect.poll(() => setting('language')).toBe('en');
    expect(await page.locator('[data-testid=backup-table]').innerText()).toContain('Kept before a restore');
    await page.locator('h3').click();
    await fullScreenshot(page, 'settings-en');
    await page.locator('[data-testid=settings-language-zh]').click();
    await page.getByText('帮包责任人').waitFor();
    await expect.poll(() => setting('language')).toBe('zh-CN');
    expect(s.pageErrors).toEqual([]);
  });
});
