import type { BenchResult } from './types.js';

/** What the steps of limits-cases.ts measure with: times in ms, and the process's peak resident set beside the set before the work. */

export const MB = 1024 * 1024;
export const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10;
export const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

export function timed(name: string, start: number, note: string): BenchResult {
  return { name, value: ms(start), unit: 'ms', note };
}

/** The resident set now (the baseline); `peak` reports the process's maximum resident set beside it. */
export function mark() {
  const baseRss = process.memoryUsage().rss;
  return {
    peak(label: string): BenchResult {
      const peakRss = process.resourceUsage().maxRSS * 1024;
      return {
        name: `${label}: peak memory`,
        value: mb(peakRss),
        unit: 'MB',
        baseline: mb(baseRss),
        ratio: Math.round((peakRss / baseRss) * 10) / 10,
        note: `${mb(Math.max(0, peakRss - baseRss))} MB above the process's resident set before the work (baseline)`,
      };
    },
  };
}
