import { describe, expect, it } from 'vitest';
import { cellText } from '@shared/bureau/master-list.js';

/**
 * A date cell of a master list is the spreadsheet's own calendar day, whatever the zone of the computer that
 * reads it. The reader (SheetJS with cellDates) gives it as that day's UTC midnight (a date-time as that UTC
 * instant); the process's zone used to move it: the day before west of UTC, the next day for an evening time
 * in Beijing (these tests run under TZ=Asia/Shanghai).
 */
describe('cellText of a date cell', () => {
  it('is the cell’s calendar day, not the process zone’s', () => {
    expect(cellText(new Date(Date.UTC(2026, 2, 1)))).toBe('2026-03-01');
    expect(cellText(new Date(Date.UTC(2026, 2, 1, 18, 0)))).toBe('2026-03-01'); // 46082.75: 18:00 on 1 March
    expect(cellText(new Date(Date.UTC(1986, 6, 7)))).toBe('1986-07-07'); // China observed summer time in 1986–1991
  });

  it('an invalid date is an empty cell', () => {
    expect(cellText(new Date(Number.NaN))).toBe('');
  });
});
