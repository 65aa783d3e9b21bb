import type { Locator, Page } from 'playwright-core';

// Shown and not on its way out (a list closing keeps its node for the leave motion).
const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-leave"])';

/**
 * Opens an antd select and clicks the option showing `option`, the way a user does.
 *
 * antd slides its dropdown in; a click during that motion can land on whatever lies under the
 * list (CI once hit a statistic beneath it, which closed the list). So this waits for the motion
 * to end, and if the click still misses, closes the list and tries again (three times at most).
 * A multiple select stays open afterwards: the caller presses Escape when done.
 */
export async function chooseOption(page: Page, select: string | Locator, option: string): Promise<void> {
  const opener = typeof select === 'string' ? page.locator(`[data-testid=${select}]`) : select;
  for (let attempt = 1; ; attempt++) {
    await opener.click();
    const dropdown = page.locator(OPEN_DROPDOWN).last();
    await dropdown.waitFor();
    await page.waitForFunction((open) => [...document.querySelectorAll(open)].every((d) => !/-(appear|enter)\b/.test(d.className)), OPEN_DROPDOWN);
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
