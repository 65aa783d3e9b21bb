import { chooseOption } from '../helpers/select-option.js';
import { describe, expect, it } from 'vitest';
import { createRegistry } from '../../electron/handlers/index.js';
import { openScreen } from '../helpers/preview-browser.js';
import { storedSetting } from '../helpers/temp-store.js';
import { usePreview } from '../helpers/use-preview.js';

/**
 * Settings → the district's time zone (issue 9, point 11). The clock stands at 06:30 on 24 November in Beijing,
 * which is 23:30 on 23 November in Berlin: choosing Europe/Berlin moves "today" back a day.
 */
describe('settings: the district’s time zone', () => {
  const s = usePreview({ now: () => new Date('2026-11-24T06:30:00+08:00') }, (session) => openScreen(session, 'nav-settings', 'settings-time-zone'));
  const stored = () => storedSetting(s.ctx.db, 'timeZone') as string | null;

  it('shows Asia/Shanghai by default, saves Europe/Berlin when chosen, and today follows it', async () => {
    const { page } = s;
    const card = page.locator('[data-testid=settings-time-zone]');
    expect(await card.locator('.ant-select-content').getAttribute('title')).toBe('Asia/Shanghai');
    expect(stored()).toBeNull();

    await chooseOption(page, card.locator('.ant-select'), 'Europe/Berlin', { search: 'Europe/Berlin' });
    await page.getByText('时区已改为 Europe/Berlin').waitFor();
    await expect.poll(() => stored()).toBe('Europe/Berlin');
    expect(await card.locator('.ant-select-content').getAttribute('title')).toBe('Europe/Berlin');
    const info = await createRegistry().dispatch('app.info', {}, s.ctx);
    expect(info.ok && (info.value as { today: string; timeZone: string })).toMatchObject({ today: '2026-11-23', timeZone: 'Europe/Berlin' });
    expect(s.pageErrors).toEqual([]);
  });
});
