import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readMasterListFile } from '../../electron/bureau/master-file.js';
import { DOCS_SAMPLES_CLOCK, sampleCalendar } from '../../electron/demo/sample-calendar.js';
import { masterListWorkbook, sampleRows, writeSamples } from '../../electron/demo/bureau-samples.js';
import { validateMasterList } from '@shared/bureau/master-list.js';
import { daysOverdue, localDay } from '@shared/rules/index.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * The sample master list follows the calendar (issue 13, point 11): drawn up on any day, its plan year is
 * that day's year and on that day only a plausible few checklist items are overdue, a few days each (the
 * committed 2026 list showed 逾期 372 天 on an officer's first day in December). Read through the real
 * master-list reader and validator, as `bureau import-master` reads it.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = useTempDir('sponsor-desk-sample-calendar-');

function importedRows(clock: Date) {
  const file = dir.file(`list-${clock.getTime()}.xlsx`);
  writeFileSync(file, masterListWorkbook(sampleRows(clock)));
  const validation = validateMasterList(readMasterListFile(file).sheet, { defaultYear: 1999 });
  expect(validation.issues).toEqual([]);
  return validation.rows;
}

describe('the sample master list follows its clock', () => {
  const clocks = [
    '2026-12-01T09:30:00+08:00',
    '2026-01-05T09:00:00+08:00',
    '2027-07-15T14:00:00+08:00',
    '2028-02-29T08:00:00+08:00',
    '2031-12-31T23:30:00+08:00',
  ];
  for (const iso of clocks) {
    it(`drawn up on ${iso}: this year's plan, and on that day only a few items overdue, none by more than two weeks`, () => {
      const clock = new Date(iso);
      const today = localDay(clock, 'Asia/Shanghai');
      const rows = importedRows(clock);
      expect(rows).toHaveLength(30);
      expect(new Set(rows.map((r) => r.planYear))).toEqual(new Set([Number(today.slice(0, 4))]));
      const items = rows.flatMap((r) => r.checklist.map((c) => ({ officer: r.officerName, days: daysOverdue(c.dueOn, true, today) })));
      expect(items.length).toBeGreaterThan(150);
      const overdue = items.filter((i) => i.days > 0);
      expect(overdue.length).toBeLessThanOrEqual(2);
      expect(Math.max(0, ...overdue.map((i) => i.days))).toBeLessThanOrEqual(14);
      // The first officer (the README's round imports their assignment) starts with nothing overdue.
      expect(overdue.filter((i) => i.officer === '李明')).toEqual([]);
      // Most of the year's work lies ahead, not behind.
      expect(items.filter((i) => i.days === 0).length).toBeGreaterThan(items.length * 0.9);
    });
  }

  it('the same clock gives the same files (the comparison with docs/samples is deterministic)', () => {
    writeSamples(dir.file('a'), DOCS_SAMPLES_CLOCK);
    writeSamples(dir.file('b'), DOCS_SAMPLES_CLOCK);
    for (const name of ['master-list.xlsx', 'master-list.csv', 'master-list-template.xlsx'])
      expect(readFileSync(dir.file(join('a', name)))).toEqual(readFileSync(dir.file(join('b', name))));
    expect(readFileSync(dir.file('a/master-list.csv'))).toEqual(readFileSync(join(root, 'docs/samples/master-list.csv')));
  });

  it("the template and the list are titled for the clock's plan year", () => {
    const clock = new Date('2029-03-01T10:00:00+08:00');
    expect(sampleCalendar(clock).year).toBe(2029);
    writeSamples(dir.path, clock);
    const template = readMasterListFile(dir.file('master-list-template.xlsx'));
    expect(template.sheet.rows.filter((r) => r.cells.some((c) => c !== null && c !== ''))).toEqual([]);
    const csv = readFileSync(dir.file('master-list.csv'), 'utf8');
    expect(csv).toContain(',2029,');
    expect(csv).not.toMatch(/,2026,/);
  });
});
