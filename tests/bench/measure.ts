import type { BenchResult } from './types.js';

export interface Timing {
  /** Milliseconds. */
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and reports the median and range in milliseconds. */
export async function measure(fn: () => unknown, options: { runs?: number; warmup?: number } = {}): Promise<Timing> {
  const runs = options.runs ?? 10;
  for (let i = 0; i < (options.warmup ?? 1); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const median = times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { median, min: times[0]!, max: times.at(-1)!, runs };
}

/** The median and range of times measured elsewhere (in a page, say). */
export function timingOf(values: number[]): Timing {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return { median: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length };
}

/** Times one call (a cold start, a one-off job). */
export async function once<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export function result(name: string, timing: Timing | number, extra: { baseline?: number; note?: string } = {}): BenchResult {
  const value = round(typeof timing === 'number' ? timing : timing.median);
  const out: BenchResult = { name, value, unit: 'ms' };
  if (extra.baseline !== undefined) {
    out.baseline = round(extra.baseline);
    out.ratio = extra.baseline > 0 ? Math.round((value / extra.baseline) * 10) / 10 : Number.POSITIVE_INFINITY;
  }
  const note = [typeof timing === 'number' ? 'one run' : `median of ${timing.runs} (min ${round(timing.min)}, max ${round(timing.max)})`, extra.note]
    .filter(Boolean)
    .join('; ');
  if (note) out.note = note;
  return out;
}
