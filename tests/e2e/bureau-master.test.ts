/**
 * Issue 12, screen 5: 项目清单与任务下发 in Chromium, from an empty desk (the demo district's codes are not the sample
 * list's). A master list with one wrong row is uploaded: the error is shown with its row and column and nothing
 * is imported. The fixed list is previewed (30 added, 4 officers), imported as a job, and the project table shows
 * its projects. The blank template is downloaded and is a list the import reads. Assignments are written for every
 * officer and downloaded, and the downloaded file is a real assignment an officer store reads with the bureau's key.
 * Screenshots in both languages at 1440×900 and 1366×768.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASTER_COLUMNS } from '@shared/bureau/master-list.js';
import { openOfficerStore } from '../../electron/app/open-store.js';
import { readMasterListFile } from '../../electron/bureau/master-file.js';
import { masterListWorkbook, sampleRows } from '../../electron/demo/bureau-samples.js';
import { previewAssignment } from '../../electron/sync/assignment-import.js';
import { pinBureauKey } from '../../electron/sync/keys.js';
import { openBureauPreview, type BureauPreview } from '../helpers/bureau-preview.js';
import { screenshot } from '../helpers/preview-browser.js';
import { makeTempDir } from '../helpers/temp-store.js';

const NOW = new Date('2026-12-02T10:00:00+08:00');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('the bureau desk: master list and assignments, in the browser', () => {
  let b: BureauPreview;
  const downloads = makeTempDir('sponsor-desk-e2e-master-downloads-');

  const upload = async (name: string, buffer: Buffer) => {
    await b.page.locator('[data-testid=master-upload] input[type=file]').setInputFiles({ name, mimeType: XLSX_TYPE, buffer });
  };
  const projectCount = () => (b.ctx.db.prepare('SELECT count(*) AS n FROM projects').get() as { n: number }).n;

  beforeAll(async () => {
    b = await openBureauPreview(NOW, { empty: true });
    await b.page.locator('[data-testid=bureau-nav-master]').click();
    await b.page.waitForSelector('[data-testid=bureau-master-screen]');
  });
  afterAll(async () => {
    await b?.close();
    downloads.remove();
  });

  it('a list with a wrong row: the error with its row and column, nothing imported', async () => {
    const rows = sampleRows(NOW);
    rows[2]!.level = '县级';
    await upload('2026年重点项目清单.xlsx', masterListWorkbook(rows));
    await b.page.waitForSelector('[data-testid=master-issues]');
    const issue = b.page.locator('[data-testid=master-issue]');
    await expect.poll(() => issue.count()).toBe(1);
    expect(await issue.locator('[data-testid=master-issue-row]').innerText()).toBe('4');
    expect(await issue.locator('[data-testid=master-issue-column]').innerText()).toBe('项目级别');
    expect(await issue.locator('[data-testid=master-issue-text]').innerText()).toContain('「县级」不是省级、市级或区级');
    expect(await b.page.locator('[data-testid=master-issues]').innerText()).toContain('清单有 1 处错误，未导入任何内容');
    expect(await b.page.locator('[data-testid=master-apply]').count()).toBe(0);
    await screenshot(b.page, 'bureau-master-issues-zh');
    expect(projectCount()).toBe(0);
  });

  it('a file that is no list, dropped on the page, says so in Chinese and changes nothing', async () => {
    const dataTransfer = await b.page.evaluateHandle(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['%PDF-1.4'], '会议纪要.pdf', { type: 'application/pdf' }));
      return transfer;
    });
    await b.page.locator('[data-testid=master-upload] .ant-upload-btn').dispatchEvent('drop', { dataTransfer });
    const error = b.page.locator('[data-testid=master-file-error]');
    await error.waitFor();
    expect(await error.innerText()).toContain('会议纪要.pdf 不是项目清单的格式：请选择 .xlsx 或 .csv 文件');
    expect(projectCount()).toBe(0);
  });

  it('the fixed list: the preview counts what it adds, the import runs, the project table shows the projects', async () => {
    await upload('2026年重点项目清单.xlsx', masterListWorkbook(sampleRows(NOW)));
    await b.page.waitForSelector('[data-testid=master-preview]');
    expect(await b.page.locator('[data-testid=master-count-added]').innerText()).toContain('30');
    expect(await b.page.locator('[data-testid=master-count-officers]').innerText()).toContain('4');
    expect(await b.page.locator('[data-testid=master-preview-added-row]').count()).toBeGreaterThan(0);
    expect(projectCount()).toBe(0);
    await screenshot(b.page, 'bureau-master-zh');
    await b.page.setViewportSize({ width: 1366, height: 768 });
    await screenshot(b.page, 'bureau-master-zh-1366');
    await b.page.locator('[data-testid=language-switch]').click();
    await b.page.getByText('Preview: what importing will change').waitFor();
    await screenshot(b.page, 'bureau-master-en-1366');
    await b.page.setViewportSize({ width: 1440, height: 900 });
    await screenshot(b.page, 'bureau-master-en');
    await b.page.locator('[data-testid=language-switch]').click();

    await b.page.locator('[data-testid=master-apply]').click();
    const applied = b.page.locator('[data-testid=master-applied]');
    await applied.waitFor({ timeout: 20_000 });
    expect(await applied.innerText()).toContain('已导入：新增 30、更新 0、移出 0、恢复 0 个项目');
    expect(projectCount()).toBe(30);
    expect(b.operationsCalled).toContain('bureau.jobs.start');

    await b.page.locator('[data-testid=master-to-projects]').click();
    await b.page.waitForSelector('[data-testid=bureau-project-row]');
    const names = await b.page.locator('[data-testid=bureau-project-table]').innerText();
    expect(names).toContain(sampleRows(NOW)[0]!.name as string);
    expect(await b.page.locator('[data-testid=total-count]').innerText()).toContain('30');
  });

  it('the template downloads as a blank list with the headings the import reads', async () => {
    await b.page.locator('[data-testid=bureau-nav-master]').click();
    await b.page.locator('[data-testid=master-template]').click();
    const link = b.page.locator('[data-testid=master-template-download]');
    await link.waitFor();
    const [download] = await Promise.all([b.page.waitForEvent('download'), link.click()]);
    const saved = join(downloads.path, download.suggestedFilename());
    await download.saveAs(saved);
    expect(download.suggestedFilename()).toBe('重点项目清单模板-2026.xlsx');
    const read = readMasterListFile(saved);
    expect(read.sheet.headers).toEqual(MASTER_COLUMNS.map((c) => c.header));
    expect(read.sheet.rows).toEqual([]);
  });

  it('assignments for every officer: written, downloaded, and the file is a real assignment for its officer', async () => {
    await b.page.locator('[data-testid=master-tab-assign]').click();
    const rows = b.page.locator('[data-testid=assignee-row]');
    await expect.poll(() => rows.count()).toBe(4);
    await b.page.locator('[data-testid=master-assign-note]').fill('请于周五前回传工作包');
    await screenshot(b.page, 'bureau-master-assign-zh');
    await b.page.locator('[data-testid=master-assign-write]').click();
    const written = b.page.locator('[data-testid=master-assign-written]');
    await written.waitFor();
    expect(await written.innerText()).toContain('已生成 4 份任务文件');
    // The table reloads: each officer's last assignment is now no. 1.
    await expect.poll(async () => (await rows.first().innerText()).includes('第 1 号（尚未确认工作包）')).toBe(true);

    const links = b.page.locator('[data-testid=master-assignment-download]');
    expect(await links.count()).toBe(4);
    const liMing = links.filter({ hasText: '李明' });
    const [download] = await Promise.all([b.page.waitForEvent('download'), liMing.click()]);
    const saved = join(downloads.path, download.suggestedFilename());
    await download.saveAs(saved);

    const officerDir = join(downloads.path, 'officer');
    mkdirSync(officerDir);
    const store = openOfficerStore({ databasePath: join(officerDir, 'sponsor-desk.sqlite'), now: () => NOW });
    try {
      pinBureauKey(store.db, readFileSync(b.ctx.publicKeyPath, 'utf8'), NOW);
      const preview = await previewAssignment(store, saved);
      expect(preview).toMatchObject({ sequence: 1, officer: { name: '李明' } });
      expect(preview.changes.projects.added).toHaveLength(6);
    } finally {
      store.db.close();
    }
    await screenshot(b.page, 'bureau-master-assigned-zh');
    expect(b.pageErrors).toEqual([]);
  });

  it('a changed list: each changed field with its value before and after', async () => {
    await b.page.locator('[data-testid=master-tab-import]').click();
    const rows = sampleRows(NOW);
    rows[0]!.annualPlannedInvestment = 12345;
    rows[1]!.level = '省级';
    await upload('2026年重点项目清单（调整）.xlsx', masterListWorkbook(rows));
    const preview = b.page.locator('[data-testid=master-preview]');
    await preview.waitFor();
    expect(await b.page.locator('[data-testid=master-count-updated]').innerText()).toContain('2');
    const text = await preview.innerText();
    expect(text).toContain('年度计划投资（万元）');
    expect(text).toContain('12345');
    expect(text).toMatch(/项目级别\s+(市级|区级)\s+省级/);
    await screenshot(b.page, 'bureau-master-updated-zh');
  });

  it('a list that would withdraw most projects: a red warning, and the import only after the explicit confirmation', async () => {
    await b.page.locator('[data-testid=master-tab-import]').click();
    await upload('只有三个项目.xlsx', masterListWorkbook(sampleRows(NOW).slice(0, 3)));
    const warning = b.page.locator('[data-testid=master-withdraws-most]');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('这份清单会移出 30 个在册项目中的 27 个');
    const apply = b.page.locator('[data-testid=master-apply]');
    expect(await apply.isDisabled()).toBe(true);
    await screenshot(b.page, 'bureau-master-withdraw-zh');
    await b.page.locator('[data-testid=master-withdraws-most-confirm]').click();
    expect(await apply.isDisabled()).toBe(false);
    await apply.click();
    await b.page.locator('[data-testid=master-applied]').waitFor({ timeout: 20_000 });
    expect((b.ctx.db.prepare('SELECT count(*) AS n FROM projects WHERE archived_at IS NULL').get() as { n: number }).n).toBe(3);
    expect(b.pageErrors).toEqual([]);
  });
});
