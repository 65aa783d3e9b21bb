/**
 * Long work in the browser: exporting a large weekly packet from the sync screen runs as a job in a worker on
 * the preview's side; the screen shows a progress bar with the phase while it runs, then the result, and the
 * packet is on disk and in the export history.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAssignment } from '../../electron/sync/assignment-import.js';
import { openPreview, screenshot, type PreviewSession } from '../helpers/preview-browser.js';
import { makeAssignment, makeBureau, makeOfficer, trustBureau, writeAssignment } from '../integration/sync-fixtures.js';

const NOW = new Date('2026-11-24T10:00:00');
const CHANGES = 20_000;

/** Officer records with their change-log rows, written by a worker thread (see the helper for why). */
async function seedChanges(databasePath: string, projectIds: string[], officerName: string, count: number): Promise<void> {
  const worker = new Worker(join(import.meta.dirname, '../helpers/seed-changes-worker.ts'), {
    execArgv: ['--import', 'tsx'],
    workerData: { databasePath, projectIds, officerName, count },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`seeding stopped with exit code ${code}`)));
  });
  await worker.terminate();
}

describe('a large weekly packet exported from the sync screen', () => {
  let s: PreviewSession;
  let outDir: string;

  beforeAll(async () => {
    s = await openPreview({ demo: false, now: () => NOW });
    outDir = s.preview.outboxDir; // the page names no folder: packets go to the preview's outbox
    const bureau = makeBureau(s.dir);
    trustBureau(s.ctx.db, bureau);
    const shape = makeAssignment(makeOfficer('赵敏'), { projects: 20, items: 5 });
    await applyAssignment(s.ctx, await writeAssignment(s.dir, bureau, shape, 1));
    await seedChanges(
      s.ctx.databasePath,
      shape.projects.map((p) => p.id),
      shape.officer.name,
      CHANGES,
    );
    await s.page.reload();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('shows a progress bar with the phase while the worker exports, then the result; the packet is on disk and recorded', async () => {
    const { page, ctx } = s;
    await page.click('[data-testid=nav-sync]');
    await page.locator('[data-testid=pending-changes]').waitFor();
    await page.click('[data-testid=export-packet]');

    const progress = page.locator('[data-testid=export-progress]');
    await progress.waitFor();
    await expect.poll(() => progress.locator('.ant-progress').count()).toBe(1);
    expect(await progress.getAttribute('data-status')).toBe('running');
    const phases = new Set<string>();
    const percents: number[] = [];
    let pictured = false;
    // Follow it as the officer would see it, until the result replaces it.
    for (;;) {
      const seen = await page.evaluate(() => {
        const el = document.querySelector<HTMLElement>('[data-testid=export-progress]');
        return el
          ? { phase: el.dataset.phase ?? '', percent: Number(el.dataset.percent), shown: el.querySelector('.ant-progress-indicator')?.textContent ?? '' }
          : null;
      });
      if (!seen) break;
      phases.add(seen.phase);
      percents.push(seen.percent);
      if (seen.percent < 100) expect(seen.shown).toBe(`${seen.percent}%`); // at 100 antd shows a tick instead
      if (seen.phase === 'ledger' && !pictured) {
        pictured = true;
        await progress.scrollIntoViewIfNeeded();
        await screenshot(page, 'sync-export-progress-zh');
      }
      await page.waitForTimeout(100);
    }
    await page
      .locator('[data-testid=export-result]')
      .waitFor()
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${await page.locator('[data-testid=sync-screen]').innerText()}`);
      });

    expect(phases.size).toBeGreaterThan(1);
    expect(percents.length).toBeGreaterThan(1);
    for (let i = 1; i < percents.length; i++) expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1]!);

    const exported = readdirSync(outDir);
    expect(exported).toHaveLength(1);
    const row = ctx.db.prepare('SELECT file_name AS fileName, change_count AS changeCount FROM packet_exports').get() as {
      fileName: string;
      changeCount: number;
    };
    expect(row.fileName).toBe(exported[0]);
    expect(row.changeCount).toBeGreaterThanOrEqual(CHANGES);
    expect(await page.locator('[data-testid=export-result]').innerText()).toContain(row.fileName);
    expect(s.pageErrors).toEqual([]);
  });
});
