import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { openPreview, toastsGone, type PreviewSession } from './preview-browser.js';

/**
 * An officer desk of the whole round (tests/e2e/whole-round.test.ts), driven through its screens only: the preview
 * with the demo, in the round's one Chromium, its store's `now` fixed and its page's clock started at that moment. Every
 * step clicks, types or uploads as a person does and waits for what the screen shows; the database is only read.
 */
export class OfficerDesk {
  private constructor(
    readonly s: PreviewSession,
    private readonly downloads: string,
  ) {}

  static async open(browser: Browser, now: Date, downloads: string): Promise<OfficerDesk> {
    const s = await openPreview({ browser, now: () => now });
    await startClock(s.page, now);
    await s.page.waitForSelector('[data-testid=project-row]', { timeout: 30_000 });
    return new OfficerDesk(s, downloads);
  }

  get page(): Page {
    return this.s.page;
  }

  count(table: string): number {
    return (this.s.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }

  /** 文件交换: leaves the demo (kept as a backup), then pins the bureau's key from the downloaded bureau.pub. */
  async leaveDemoAndPinKey(bureauPub: string): Promise<void> {
    const { page } = this;
    await page.click('[data-testid=nav-sync]');
    await page.click('[data-testid=leave-demo]');
    await page.click('[data-testid=leave-demo-ok]');
    await page.locator('[data-testid=leave-demo]').waitFor({ state: 'detached' });
    // The empty store in place and the screen reloaded from it (an upload into the old screen would be lost).
    await waitUntil(() => this.count('projects') === 0);
    await page.locator('[data-testid=sync-status]', { hasText: '未设置帮包责任人' }).waitFor();
    await uploadNear(page.locator('[data-testid=choose-key]'), bureauPub);
    await page.waitForFunction(() => !document.querySelector('[data-testid=sync-status]')?.textContent?.includes('尚未导入'));
  }

  /** The officer's own key fingerprint as the sync screen shows it (本机密钥指纹), for reading aloud to the bureau. */
  async fingerprint(): Promise<string> {
    await this.page.click('[data-testid=nav-sync]');
    const item = this.page.locator('[data-testid=sync-status] .ant-descriptions-item-container', { hasText: '本机密钥指纹' });
    return (await item.locator('code').innerText()).trim();
  }

  /** Imports an assignment file: the preview, then the import confirmed; waits for `projects` projects in the store. */
  async importAssignment(file: string, check: (preview: string) => void, projects: number): Promise<void> {
    const { page } = this;
    await page.click('[data-testid=nav-sync]');
    const before = this.count('assignment_imports');
    await uploadNear(page.locator('[data-testid=choose-assignment]'), file);
    const preview = page.locator('[data-testid=assignment-preview]');
    await preview.waitFor();
    check(await preview.innerText());
    await page.click('[data-testid=apply-assignment]');
    await page.getByRole('button', { name: '确认导入' }).last().click();
    await waitUntil(() => this.count('assignment_imports') === before + 1 && this.count('projects') === projects, 30_000);
    await preview.waitFor({ state: 'detached' });
  }

  /** Opens a project from the home table and one of its tabs. */
  async openTab(project: string, tab: RegExp, shown: string): Promise<void> {
    const { page } = this;
    await page.click('[data-testid=nav-home]');
    await page.locator('[data-testid=project-link]', { hasText: project }).click();
    await page.locator('[data-testid=project-title]', { hasText: project }).waitFor();
    await page.getByRole('tab', { name: tab }).click();
    await page.locator(`[data-testid=${shown}]`).waitFor();
  }

  /** 投资完成: types each month's completed investment (万元) and saves it with Enter. */
  async recordInvestment(project: string, amounts: Record<string, number>): Promise<void> {
    await this.openTab(project, /投资完成/, 'investment-table');
    for (const [month, amount] of Object.entries(amounts)) {
      const before = this.count('investment_entries');
      const input = this.page.locator(`[data-testid=amount-${month}]`);
      await input.fill(String(amount));
      await input.press('Enter');
      await waitUntil(() => this.count('investment_entries') === before + 1);
    }
    // The "saved" toasts sit over the top of the forms that come next (and a pointer resting on one keeps it).
    await this.page.mouse.move(0, 0);
    await toastsGone(this.page);
  }

  /** 走访记录: logs a site visit of today with its summary. */
  async logVisit(project: string, summary: string): Promise<void> {
    const { page } = this;
    await this.openTab(project, /走访记录/, 'visits-tab');
    const before = this.count('visits');
    await page.locator('[data-testid=visit-log]').click();
    await page.locator('[data-testid=visit-participants]').fill('李明');
    await page.locator('[data-testid=visit-summary]').fill(summary);
    await page.locator('[data-testid=visit-submit]').click();
    await waitUntil(() => this.count('visits') === before + 1);
    await page.locator('[data-testid=visit-card]', { hasText: summary }).waitFor();
  }

  /** 问题: raises a land problem with its responsible department and due day. */
  async raiseProblem(project: string, description: string, department: string, dueOn: string): Promise<void> {
    const { page } = this;
    await this.openTab(project, /问题/, 'problems-tab');
    await page.click('[data-testid=raise-problem]');
    await page.locator('#raise_category').focus();
    await page.keyboard.type('土地');
    await page.keyboard.press('Enter');
    await page.locator('#raise_description').fill(description);
    await page.locator('#raise_responsibleDepartment').fill(department);
    await page.locator('#raise_dueOn').fill(dueOn);
    await page.locator('#raise_dueOn').press('Enter'); // takes the typed day and closes the calendar
    await page.locator('#raise_responsibleDepartment').focus();
    await page.keyboard.press('Enter');
    await this.problemCard(description).waitFor();
  }

  problemCard(description: string): Locator {
    return this.page.locator('[data-testid=problem-card]', { hasText: description });
  }

  /** 文件交换: exports this week's packet and downloads it as a person saves it; answers the saved file. */
  async exportPacket(summary: string): Promise<string> {
    const { page } = this;
    await page.click('[data-testid=nav-sync]');
    await page.fill('[data-testid=weekly-summary]', summary);
    await page.click('[data-testid=export-packet]');
    await page.locator('[data-testid=export-result]').waitFor({ timeout: 20_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-download]')]);
    const saved = join(this.downloads, download.suggestedFilename());
    await download.saveAs(saved);
    return saved;
  }

  close(): Promise<void> {
    return this.s.close();
  }
}

/**
 * The page's clock starts at `now` and runs on from there (a fixed clock would also stop the animation frames that
 * antd's toasts and ECharts wait for); the page reloads so its first script already sees it.
 */
export async function startClock(page: Page, now: Date): Promise<void> {
  await page.clock.install({ time: now });
  await page.reload();
}

/** Sets the file on the hidden <input type=file> of the upload button `button` sits in. */
export async function uploadNear(button: Locator, file: string): Promise<void> {
  await button.locator('xpath=ancestor::span[1]//input[@type="file"]').setInputFiles(file);
}

/** Waits until a check on the stores (read only) holds. */
async function waitUntil(check: () => boolean, timeout = 10_000): Promise<void> {
  await expect.poll(check, { timeout }).toBe(true);
}
