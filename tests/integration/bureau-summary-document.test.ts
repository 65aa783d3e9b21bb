/**
 * Issue 12, screen 6: the printable district summary. On the demo district (the source year's figures) the
 * document's every figure is the one `districtSummary` computes on the same database, its opening sentence
 * reads like the source's, in Chinese and in English; a hostile unit, leader, project or bureau name prints as
 * text and never as markup; a bad month or a path from a page is refused with nothing written.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictSummary } from '@shared/bureau/summary.js';
import { lazyBureau, SETTING } from '../../electron/bureau/context.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { stopBureauJobs } from '../../electron/bureau/operations/jobs.js';
import { servePage } from '../../electron/bureau/page-files.js';
import { writeBureauSetting } from '../../electron/bureau/repository.js';
import { districtSummary } from '../../electron/bureau/summary.js';
import { seedDemoDistrict } from '../../electron/demo/bureau-district.js';
import { makeTempDir } from '../helpers/temp-store.js';

const NOW = new Date('2026-12-02T10:00:00+08:00');

/** What the HTML shows as text: tags dropped, the five entities read back. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every figure cell of the document: its row's key, the summary path it prints, its text. */
function figures(html: string): { row: string; path: string; text: string }[] {
  const out: { row: string; path: string; text: string }[] = [];
  for (const [, row, cells] of html.matchAll(/<tr data-row="([^"]*)">(.*?)<\/tr>/g)) {
    for (const [, path, text] of cells!.matchAll(/<td class="num" data-f="([^"]*)">([^<]*)<\/td>/g))
      out.push({ row: textOf(row!), path: textOf(path!), text: text! });
  }
  return out;
}

/** The summary's value at a printed path (`byUnit[name].investment.completionPct`, `groups.all.problems.open`, …). */
function valueAt(s: DistrictSummary, path: string): unknown {
  const sponsor = /^(byUnit|byLeader)\[(.*)\]\.(.*)$/s.exec(path);
  let at: unknown = s;
  let rest = path;
  if (sponsor) {
    at = s[sponsor[1] as 'byUnit' | 'byLeader'].find((r) => r.name === sponsor[2]);
    rest = sponsor[3]!;
  }
  for (const key of rest.split('.')) at = (at as Record<string, unknown>)[key];
  return at;
}

/** A printed figure read back as a number ('1,234.5', '115.3%', '+23.6', '−4.1'), or null for '—'. */
const numberOf = (text: string) => (text === '—' ? null : Number(text.replace(/[,%+]/g, '').replace('−', '-')));

describe('the printable district summary', () => {
  const dir = makeTempDir('sponsor-desk-summary-document-');
  const dbPath = join(dir.path, 'desk', 'sponsor-desk-bureau.sqlite');
  const outbox = join(dir.path, 'outbox');
  const registry = createBureauRegistry();
  let ctx: ReturnType<typeof lazyBureau>;
  const call = async (name: string, input: unknown) => {
    const answer = await registry.dispatch(name, input, ctx);
    return answer as { ok: true; value: { html: string; file: string; fileName: string; asOfMonth: string } } | { ok: false; error: { code: string } };
  };
  const html = async (input: object) => {
    const answer = await call('bureau.summaryDocument', input);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.value.html;
  };

  beforeAll(async () => {
    mkdirSync(join(dir.path, 'desk'));
    await seedDemoDistrict(dbPath, () => NOW);
    ctx = lazyBureau(dbPath, () => NOW);
  });
  afterAll(async () => {
    await stopBureauJobs(ctx);
    ctx.close();
    dir.remove();
  });

  it('prints every figure of districtSummary on the same database, units and leaders ranked as the overview ranks them', async () => {
    const s = districtSummary(ctx);
    const doc = await html({});
    const printed = figures(doc);
    expect(printed.length).toBeGreaterThan(100);
    for (const f of printed) {
      const value = valueAt(s, f.path);
      expect(typeof value === 'number' || value === null, f.path).toBe(true);
      expect(numberOf(f.text), `${f.path} printed ${f.text}`).toBeCloseTo((value as number | null) ?? NaN, 2);
    }
    const paths = new Set(printed.map((f) => f.path));
    for (const group of ['all', 'provincialAndMunicipal', 'district', 'provincial', 'municipal'] as const) {
      for (const field of ['projects', 'planned', 'completed', 'completionPct', 'timeProportionalPct', 'aheadPoints', 'projectsAhead', 'projectsBehind'])
        expect(paths.has(`investment.${group}.${field}`), `${group}.${field}`).toBe(true);
    }
    for (const field of ['collected', 'resolved', 'closed', 'open', 'overdue', 'projects']) expect(paths.has(`groups.all.problems.${field}`)).toBe(true);
    for (const field of ['total', 'siteVisits', 'meetings', 'calls', 'coordination', 'projects']) expect(paths.has(`sponsorActions.${field}`)).toBe(true);
    expect(paths.has('groups.all.statisticsEnrolled') && paths.has('groups.all.productionStarted')).toBe(true);
    expect(s.groups.all.problems).toEqual(s.problems);
    for (const kind of ['byUnit', 'byLeader'] as const) {
      const rows = [...new Set(printed.filter((f) => f.path.startsWith(`${kind}[`)).map((f) => f.row))];
      expect(new Set(rows)).toEqual(new Set(s[kind].map((r) => r.name)));
      const completion = rows.map((name) => s[kind].find((r) => r.name === name)!.investment.completionPct ?? -Infinity);
      expect(completion).toEqual([...completion].sort((a, b) => b - a));
    }
  });

  it('opens with the source’s sentence, the bureau’s name, the period and the day, in Chinese', async () => {
    const text = textOf(await html({}));
    expect(text).toContain('共有重点项目 96 个，1-11月完成年度计划投资的 115.3%，超序时进度 23.6 个百分点。');
    expect(text).toContain(
      '其中，省市重点项目 30 个，完成年度计划投资的 112.6%，超序时进度 20.9 个百分点；区重点项目 66 个，完成年度计划投资的 121.0%，超序时进度 29.3 个百分点。',
    );
    expect(text).toContain('高新区经济发展局重点项目办（演示）重点项目建设情况汇总');
    expect(text).toContain('投资统计：2026年1-11月（序时进度 91.7%）');
    expect(text).toContain('制表日期：2026年12月2日');
    const s = districtSummary(ctx);
    expect(text).toContain(`收集 ${s.problems.projects} 个项目的各类问题 ${s.problems.collected} 个`);
    expect(text).toContain(`累计开展帮包工作 ${s.sponsorActions.total} 次`);
    // No script, nothing fetched: the page is whole by itself.
    expect(await html({})).not.toMatch(/<script|<link|<img|src=|url\(|@import/i);
  });

  it('is in English when asked, with the same figures', async () => {
    const doc = await html({ language: 'en' });
    const text = textOf(doc);
    expect(text).toContain('96 key projects completed 115.3% of the annual plan in months 1–11, 23.6 points ahead of schedule.');
    expect(text).toContain('30 provincial and municipal projects completed 112.6%, 20.9 points ahead of schedule');
    expect(text).toContain('By sponsoring unit (ranked by completion)');
    expect(doc).toContain('<html lang="en">');
    expect(figures(doc).map((f) => [f.path, numberOf(f.text)])).toEqual(figures(await html({})).map((f) => [f.path, numberOf(f.text)]));
  });

  it('prints an earlier month as the summary counts it', async () => {
    const june = districtSummary(ctx, { asOfMonth: '2026-06' });
    const text = textOf(await html({ asOfMonth: '2026-06' }));
    expect(text).toContain(`共有重点项目 96 个，1-6月完成年度计划投资的 ${june.investment.all.completionPct!.toFixed(1)}%`);
  });

  it('prints hostile names as text, never as markup', async () => {
    const hostile = '<script>alert("x")</script> & "单位" <img src=x onerror=alert(1)>';
    const row = ctx.db.prepare('SELECT id FROM projects ORDER BY code LIMIT 1').get() as { id: string };
    ctx.db
      .prepare('UPDATE projects SET sponsoring_unit = ?, sponsoring_leader = ?, name = ? WHERE id = ?')
      .run(`${hostile}单位`, `${hostile}领导`, `${hostile}项目`, row.id);
    writeBureauSetting(ctx.db, SETTING.name, `${hostile}经发局`);
    for (const language of ['zh-CN', 'en'] as const) {
      const doc = await html({ language });
      expect(doc).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
      expect(doc).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;单位&quot;');
      // Only the document's own tags are there.
      const tags = new Set([...doc.matchAll(/<\/?([a-z0-9!]+)/gi)].map((m) => m[1]!.toLowerCase()));
      expect([...tags].sort()).toEqual([
        '!doctype',
        'body',
        'footer',
        'h1',
        'h2',
        'head',
        'html',
        'meta',
        'p',
        'section',
        'style',
        'table',
        'tbody',
        'td',
        'th',
        'thead',
        'title',
        'tr',
      ]);
      const text = textOf(doc);
      expect(text).toContain(`${hostile}经发局`);
      expect(text).toContain(`${hostile}单位`);
      expect(text).toContain(`${hostile}领导`);
      // The hostile unit's row still carries its figures, read back by its name.
      const s = districtSummary(ctx);
      const unit = s.byUnit.find((r) => r.name === `${hostile}单位`)!;
      const printed = figures(doc).find((f) => f.row === unit.name && f.path.endsWith('.investment.projects'))!;
      expect(numberOf(printed.text)).toBe(unit.investment.projects);
    }
  });

  it('writes the document into the outbox from a page, never over another file, and refuses bad input writing nothing', async () => {
    servePage(ctx, { outboxDir: outbox });
    const first = await call('bureau.exportSummary', {});
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.value.file).toBe(join(outbox, '重点项目汇总-2026-11.html'));
    expect(readFileSync(first.value.file, 'utf8')).toBe(await html({}));
    const english = await call('bureau.exportSummary', { language: 'en', asOfMonth: '2026-10' });
    expect(english.ok && english.value.file).toBe(join(outbox, 'district-summary-2026-10.html'));
    const again = await call('bureau.exportSummary', {});
    expect(again.ok && again.value.file).toBe(join(outbox, '重点项目汇总-2026-11 (2).html'));
    const before = readdirSync(outbox).sort();
    for (const [input, code] of [
      [{ asOfMonth: 'November' }, 'invalid_input'],
      [{ referenceDay: '2026-13-45' }, 'invalid_input'],
      [{ out: join(dir.path, 'x.html') }, 'invalid_input'],
      [{ folder: dir.path }, 'invalid_input'],
      [{ folder: `h_${'a'.repeat(32)}` }, 'not_found'],
      [{ language: 'fr' }, 'invalid_input'],
    ] as const) {
      const answer = await call('bureau.exportSummary', input);
      expect(answer.ok, JSON.stringify(input)).toBe(false);
      if (!answer.ok) expect(answer.error.code, JSON.stringify(input)).toBe(code);
    }
    expect(readdirSync(outbox).sort()).toEqual(before);
    expect(existsSync(join(dir.path, 'x.html'))).toBe(false);
  });

  it('writes into the folder the clerk chose in the desktop’s dialog', async () => {
    const chosen = join(dir.path, '报表');
    mkdirSync(chosen);
    servePage(ctx, { outboxDir: outbox, chooser: async () => [chosen] });
    const answer = (await registry.dispatch('bureau.files.choose', { purpose: 'outputFolder' }, ctx)) as { ok: true; value: { chosen: { handle: string }[] } };
    expect(answer.ok).toBe(true);
    const written = await call('bureau.exportSummary', { folder: answer.value.chosen[0]!.handle, asOfMonth: '2026-11' });
    expect(written.ok && written.value.file).toBe(join(chosen, '重点项目汇总-2026-11.html'));
    expect(readdirSync(chosen)).toEqual(['重点项目汇总-2026-11.html']);
    // A chosen folder that is gone (a USB stick pulled out) is the clerk's to fix: refused as such, nothing written.
    rmSync(chosen, { recursive: true });
    writeFileSync(chosen, 'not a folder any more');
    const refused = (await registry.dispatch('bureau.exportSummary', { folder: answer.value.chosen[0]!.handle }, ctx)) as {
      ok: false;
      error: { code: string; params: Record<string, unknown> };
    };
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('invalid_input');
    expect(refused.error.params.what).toBe('output_folder');
    expect(readFileSync(chosen, 'utf8')).toBe('not a folder any more');
  });

  it('refuses the ledger into a folder the desk cannot write into, as the operation and as a job, writing nothing', async () => {
    const gone = join(dir.path, '拔出的U盘');
    mkdirSync(gone);
    servePage(ctx, { outboxDir: outbox, chooser: async () => [gone] });
    const chosen = (await registry.dispatch('bureau.files.choose', { purpose: 'outputFolder' }, ctx)) as { ok: true; value: { chosen: { handle: string }[] } };
    const folder = chosen.value.chosen[0]!.handle;
    rmSync(gone, { recursive: true });
    writeFileSync(gone, 'not a folder any more');
    const refused = { ok: false, error: { code: 'invalid_input', params: { what: 'output_folder' } } };
    expect(await registry.dispatch('bureau.exportLedger', { folder }, ctx)).toMatchObject(refused);
    const started = (await registry.dispatch('bureau.jobs.start', { kind: 'bureau.exportLedger', input: { folder } }, ctx)) as {
      ok: true;
      value: { jobId: string };
    };
    expect(started.ok).toBe(true);
    let view: { status: string; error: unknown };
    do {
      await new Promise((r) => setTimeout(r, 20));
      view = ((await registry.dispatch('bureau.jobs.get', { jobId: started.value.jobId }, ctx)) as { value: typeof view }).value;
    } while (view.status === 'running');
    expect(view).toMatchObject({ status: 'failed', error: refused.error });
    expect(readFileSync(gone, 'utf8')).toBe('not a folder any more');
  });
});
