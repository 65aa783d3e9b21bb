import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKeyPair, writeAssignmentFile, writePublicKeyFile, type KeyPairPem } from '../../electron/packets/index.js';
import type { AssignmentPayloadInput } from '@shared/packets/assignment.js';
import { openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';

const NOW = new Date('2026-11-24T10:00:00');

function assignmentFor(officerId: string): AssignmentPayloadInput {
  const projects = ['锂电隔膜材料项目', '智能装备产业园项目'].map((name, i) => ({
    id: randomUUID(),
    code: `GX-2026-1${i}`,
    name,
    company: `枣庄示例企业${i + 1}有限公司`,
    level: i === 0 ? ('provincial' as const) : ('district' as const),
    industry: '新能源',
    stage: 'construction' as const,
    sponsoringLeader: '王立新',
    sponsoringUnit: '区经济发展局',
    officerId,
    planYear: 2026,
    annualPlannedInvestment: 20000 + i * 5000,
    totalInvestment: 80000,
    location: '高新区',
  }));
  return {
    officer: { id: officerId, name: '赵敏', unit: '区经济发展局', phone: '' },
    acknowledgedWeeklySequence: 0,
    note: '请于每周五报送工作包',
    projects,
    milestones: [],
    checklistItems: projects.map((p, i) => ({
      id: randomUUID(),
      projectId: p.id,
      stage: 'construction' as const,
      title: '主体工程开工',
      dueOn: `2026-12-0${i + 1}`,
      sortOrder: 0,
      origin: 'bureau' as const,
    })),
    problems: [],
    problemEvents: [],
  };
}

describe('file exchange with the bureau, in the browser', () => {
  let s: PreviewSession;
  let files: string;
  let bureau: KeyPairPem;
  let assignmentPath: string;
  let outDir: string;

  beforeAll(async () => {
    files = mkdtempSync(join(tmpdir(), 'sponsor-desk-sync-e2e-'));
    // The preview's outbox is named when it starts (`npm run preview -- --outbox DIR`); the page names no folder.
    outDir = join(files, 'usb-stick');
    mkdirSync(outDir);
    s = await openPreview({ now: () => NOW, outboxDir: outDir });
    bureau = generateSigningKeyPair();
    writePublicKeyFile(join(files, 'bureau.pub'), bureau.publicKeyPem);
    assignmentPath = join(files, 'assignment-1.zip');
    await writeAssignmentFile(assignmentPath, {
      payload: assignmentFor(randomUUID()),
      sequence: 1,
      createdAt: '2026-11-23T08:00:00.000Z',
      bureauName: '区经济发展局重点项目办',
      keys: bureau,
    });
  });
  afterAll(async () => {
    await s?.close();
    rmSync(files, { recursive: true, force: true });
  });

  it('leaves the demo: the demo store is kept as a backup and an empty store takes its place', async () => {
    const { page, ctx } = s;
    await page.click('[data-testid=nav-sync]');
    await page.click('[data-testid=leave-demo]');
    await page.click('[data-testid=leave-demo-ok]');
    await expect.poll(() => (ctx.db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n).toBe(0);
    expect(readdirSync(join(s.dir, 'backups')).some((f) => f.endsWith('.sqlite'))).toBe(true);
    await page.locator('[data-testid=leave-demo]').waitFor({ state: 'detached' });
  });

  it('pins the bureau key from its file and shows the fingerprint', async () => {
    const { page, ctx } = s;
    await page.locator('[data-testid=choose-key]').locator('xpath=ancestor::span[1]//input[@type="file"]').setInputFiles(join(files, 'bureau.pub'));
    await expect.poll(() => ctx.db.prepare("SELECT count(*) AS n FROM settings WHERE key = 'bureau_key'").get()).toEqual({ n: 1 });
    await expect.poll(() => page.locator('[data-testid=sync-status]').innerText()).not.toContain('尚未导入');
  });

  it('previews an assignment, then applies it after confirmation; the officer takes its identity', async () => {
    const { page, ctx } = s;
    await page.locator('[data-testid=choose-assignment]').locator('xpath=ancestor::span[1]//input[@type="file"]').setInputFiles(assignmentPath);
    const preview = page.locator('[data-testid=assignment-preview]');
    await preview.waitFor();
    const text = await preview.innerText();
    expect(text).toContain('新增项目 · 2');
    expect(text).toContain('锂电隔膜材料项目');
    expect(text).toContain('请于每周五报送工作包');
    expect((ctx.db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n).toBe(0); // nothing written yet
    await screenshot(page, 'sync-preview-zh');
    await page.click('[data-testid=apply-assignment]');
    await page.getByRole('button', { name: '确认导入' }).last().click();
    // The import runs as a job in a worker thread (started fresh for it), so it takes a moment longer than a call.
    await expect.poll(() => (ctx.db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n, { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.locator('[data-testid=officer-name]').innerText()).toContain('赵敏');
  });

  it('says "already imported" for the same file again and changes nothing', async () => {
    const { page, ctx } = s;
    const before = (ctx.db.prepare('SELECT count(*) AS n FROM assignment_imports').get() as { n: number }).n;
    await page.locator('[data-testid=choose-assignment]').locator('xpath=ancestor::span[1]//input[@type="file"]').setInputFiles(assignmentPath);
    await page.getByText('无需再次导入').waitFor();
    expect((ctx.db.prepare('SELECT count(*) AS n FROM assignment_imports').get() as { n: number }).n).toBe(before);
  });

  it('exports the weekly packet with the edited summary into the outbox, and offers it as a download', async () => {
    const { page, ctx } = s;
    await page.fill('[data-testid=weekly-summary]', '本周走访项目两个，无新增问题。');
    expect(await page.locator('[data-testid=export-folder]').innerText()).toContain(outDir);
    await page.click('[data-testid=export-packet]');
    await page
      .locator('[data-testid=export-result]')
      .waitFor()
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${await page.locator('[data-testid=sync-screen]').innerText()}`);
      });
    const exported = readdirSync(outDir);
    expect(exported).toHaveLength(1);
    const row = ctx.db.prepare('SELECT file_name AS fileName FROM packet_exports').get() as { fileName: string };
    expect(exported[0]).toBe(row.fileName);
    expect(existsSync(join(outDir, row.fileName))).toBe(true);
    // The download is the very file in the outbox.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-download]')]);
    expect(download.suggestedFilename()).toBe(row.fileName);
    const saved = join(files, 'downloaded.zip');
    await download.saveAs(saved);
    expect(readFileSync(saved).equals(readFileSync(join(outDir, row.fileName)))).toBe(true);
    await screenshot(page, 'sync-zh');
    await page.click('[data-testid=language-switch]');
    await page.getByText('File exchange').first().waitFor();
    await screenshot(page, 'sync-en');
    expect(s.pageErrors).toEqual([]);
  });
});
