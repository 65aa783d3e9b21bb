import { describe, expect, it } from 'vitest';
import { translator } from '../../renderer/src/i18n/index.js';
import { applyPlurals } from '../../renderer/src/i18n/plural.js';

describe('plural forms in the renderer messages', () => {
  it('English counts read right: "Total (1 project)", "Total (2 projects)", "1 day"', () => {
    const t = translator('en');
    expect(t('home.totals', { count: 1 })).toBe('Total (1 project)');
    expect(t('home.totals', { count: 2 })).toBe('Total (2 projects)');
    expect(t('home.totals', { count: 0 })).toBe('Total (0 projects)');
    expect(t('home.count', { total: 1 })).toBe('1 project');
    expect(t('home.countFiltered', { shown: 1, total: 6 })).toBe('1 of 6 projects');
    expect(t('days.count', { days: 1 })).toBe('1 day');
    expect(t('checklist.status.overdue', { days: 1 })).toBe('1 day overdue');
    expect(t('checklist.status.overdue', { days: 372 })).toBe('372 days overdue');
    expect(t('milestone.dueIn', { days: 1 })).toBe('due in 1 day');
    expect(t('visits.count', { count: 1 })).toBe('1 sponsor action');
    expect(t('palette.more', { count: 1 })).toMatch(/^1 more project matches;/);
  });

  it('Chinese has one form and is unchanged', () => {
    const t = translator('zh-CN');
    expect(t('home.totals', { count: 1 })).toBe('合计（1 个项目）');
    expect(t('home.totals', { count: 2 })).toBe('合计（2 个项目）');
  });

  it('exact forms win, a missing form falls back to other, a non-number leaves the text as it is', () => {
    const template = '{n, plural, =0 {none} one {# file} other {# files}}';
    expect(applyPlurals(template, { n: 0 }, 'en')).toBe('none');
    expect(applyPlurals(template, { n: 1 }, 'en')).toBe('1 file');
    expect(applyPlurals('{n, plural, other {# 个}}', { n: 1 }, 'zh-CN')).toBe('1 个');
    expect(applyPlurals(template, { n: 'x' }, 'en')).toBe(template);
  });
});
