import { z } from 'zod';
import type { OperationSpec } from '@shared/operations/define.js';

/**
 * The registry's check of what a handler returns. Most entries are parsed whole by their zod schema. An entry
 * with `outputSample` (a long list from a read model, such as `projects.list`: 1,000 summaries cost 3–6 ms of
 * zod per call at district scale) is checked on a sample: the first row, the last row and rows spread evenly
 * between them, the spread starting one row further on each call, so every row of a list that keeps its
 * length is checked within a few calls. It stays a real check: a row of the wrong shape in the sample is
 * refused as before, and a value that is not an array is parsed whole. The rows are returned as the handler
 * made them, so the read model's own test (tests/integration/read-models.test.ts) checks that parsing every
 * row changes nothing: no field stripped, defaulted or transformed.
 */
export class OutputCheck {
  /** Calls so far per sampled operation: where the next spread starts. */
  private readonly calls = new Map<string, number>();

  check(name: string, spec: OperationSpec, value: unknown): z.ZodSafeParseResult<unknown> {
    const sample = spec.outputSample;
    if (sample === undefined || !(spec.output instanceof z.ZodArray) || !Array.isArray(value) || value.length <= sample) return spec.output.safeParse(value);
    const call = this.calls.get(name) ?? 0;
    this.calls.set(name, call + 1);
    const element = spec.output.element as z.ZodType;
    for (const index of sampledRows(value.length, sample, call)) {
      const row = element.safeParse(value[index]);
      if (!row.success) return { success: false, error: new z.ZodError(row.error.issues.map((i) => ({ ...i, path: [index, ...i.path] }))) };
    }
    return { success: true, data: value };
  }
}

/**
 * Which rows of a list of `length` (> sample) a call checks: the first and the last, and `sample - 2` rows a
 * stride apart from an offset that moves by one each call (call 0 starts at row 1), so that the spread covers
 * every row once in `stride` calls.
 */
export function sampledRows(length: number, sample: number, call: number): number[] {
  const inner = length - 2;
  const spread = Math.max(1, sample - 2);
  const stride = Math.ceil(inner / spread);
  const rows = [0, length - 1];
  for (let index = 1 + (call % stride); index < length - 1; index += stride) rows.push(index);
  return rows;
}
