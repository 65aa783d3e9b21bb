import type { Locator, Page } from 'playwright-core';

// Shown and not on its way out (a list closing keeps its node for the leave motion).
const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])';

/**
 * Waits until no element matching `selector` is in antd's appear or enter motion. A click during that motion can
 * land on whatever lies under the sliding or zooming element (CI once hit a statistic under a select's list).
 */
export async function motionDone(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((s) => [...document.querySelectorAll(s)].every((d) => !/-(appear|enter)\b/.test(d.className)), selector);
}

/**
 * Opens an antd select and clicks the option showing `option`, the way a user does; with `search`, types it
 * first (a searchable select). Waits for the list's motion to end, and if the click still misses, closes the
 * list and tries again (three times at most). A multiple select stays open afterwards: the caller presses
 * Escape when done.
 */
export async function chooseOption(page: Page, select: string | Locator, option: string, { search }: { search?: string } = {}): Promise<void> {
  const opener = typeof select === 'string' ? page.locator(`[data-testid=${select}]`) : select;
  for (let attempt = 1; ; attempt++) {
    await opener.click();
    if (search !== undefined) await page.keyboard.type(search);
    const dropdown = page.locator(OPEN_DROPDOWN).last();
    await dropdown.waitFor();
    await motionDone(page, OPEN_DROPDOWN);
    try {
      await dropdown.locator('.ant-select-item-option', { hasText: option }).first().click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press('Escape');
      await page
        .locator(OPEN_DROPDOWN)
        .waitFor({ state: 'detached', timeout: 5_000 })
        .catch(() => undefined);
    }
  }
}
