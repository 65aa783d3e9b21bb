import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { operations, type ProjectSummary } from '@shared/operations/index.js';
import { OperationRegistry } from '../../electron/handlers/index.js';
import { OutputCheck, sampledRows } from '../../electron/handlers/output-check.js';
import { listProjectSummaries } from '../../electron/handlers/project-views.js';
import { seedLargePortfolio } from '../bench/large-portfolio.js';
import { FIXED_NOW } from '../helpers/temp-store.js';
import { useTempStore } from '../helpers/per-test.js';

/**
 * `projects.list` is checked on a sample of its rows (the entry's `outputSample`, electron/handlers/output-check.ts):
 * it must still refuse a row of the wrong shape, wherever it sits, through the real registry.
 */
const store = useTempStore();

describe('sampledRows', () => {
  it('takes the first and last rows and at most the sample, and covers every row once a stride of calls', () => {
    const length = 1000;
    const seen = new Set<number>();
    const stride = Math.ceil((length - 2) / 30);
    for (let call = 0; call < stride; call++) {
      const rows = sampledRows(length, 32, call);
      expect(rows.length).toBeLessThanOrEqual(32);
      expect(rows.slice(0, 2)).toEqual([0, length - 1]);
      for (const r of rows) expect(r >= 0 && r < length).toBe(true);
      rows.forEach((r) => seen.add(r));
    }
    expect(seen.size).toBe(length);
  });
});

describe('the sampled output check of projects.list', () => {
  const summaries = (): ProjectSummary[] => listProjectSummaries(store.db, FIXED_NOW, false);
  const registryAnswering = (rows: () => unknown) => new OperationRegistry().register({ 'projects.list': () => rows() as ProjectSummary[] });

  it('answers the read model unchanged, as parsing it whole would', async () => {
    seedLargePortfolio(store.db, { projects: 80, problems: 200, visits: 100, now: FIXED_NOW, seed: 3 });
    const rows = summaries();
    expect(rows.length).toBeGreaterThan(32);
    const result = await registryAnswering(() => rows).dispatch('projects.list', {}, store.ctx);
    expect(result).toEqual({ ok: true, value: operations['projects.list'].output.parse(rows) });
  });

  it('refuses a bad first or last row on the first call, and a bad row anywhere within a stride of calls', async () => {
    seedLargePortfolio(store.db, { projects: 80, problems: 200, visits: 100, now: FIXED_NOW, seed: 3 });
    const rows = summaries();
    const broken = (at: number) => rows.map((r, i) => (i === at ? { ...r, openProblems: 'many' } : r));
    for (const at of [0, rows.length - 1]) {
      const result = await registryAnswering(() => broken(at)).dispatch('projects.list', {}, store.ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'internal', issues: [{ path: `${at}.openProblems` }] } });
    }
    for (const at of [1, 17, rows.length - 2]) {
      const registry = registryAnswering(() => broken(at));
      const results = [];
      for (let call = 0; call < Math.ceil((rows.length - 2) / 30); call++) results.push(await registry.dispatch('projects.list', {}, store.ctx));
      expect(results.filter((r) => !r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'internal', issues: [{ path: `${at}.openProblems` }] } });
    }
  });

  it('checks a short list and anything that is not a list whole', async () => {
    const short = [{ code: 'not a summary' }];
    expect(await registryAnswering(() => short).dispatch('projects.list', {}, store.ctx)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await registryAnswering(() => ({ rows: [] })).dispatch('projects.list', {}, store.ctx)).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('leaves an entry without outputSample parsed whole', () => {
    const spec = { input: z.object({}), output: z.array(z.number()) };
    const list = Array.from({ length: 100 }, (_, i) => (i === 2 ? 'x' : i));
    const check = new OutputCheck();
    expect(check.check('x.list', spec, list).success).toBe(false);
    // With a sample of 2 the first call reads rows 0, 99 and 1 only: the sample is all that is checked.
    expect(check.check('x.list', { ...spec, outputSample: 2 }, list).success).toBe(true);
  });
});
