/**
 * Issue 14 point 4 on the bureau desk: the ranking and the monthly bulletin as operations on a real bureau database
 * (the demo district, seeded into SQLite). The draft is `draftBulletin` of what `bureau.summary` answers for the
 * month and the month before; the ranking is `sponsorRanking` of the same records; the edited bulletin is written
 * as an A4 page and as a workbook with the clerk's text, names and text escaped, formula-like text made safe;
 * every bad input is refused with nothing written; the command line writes the draft.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftBulletin, type BulletinDraft, type BulletinParagraph } from '@shared/bureau/bulletin.js';
import { sponsorRanking, type SponsorRanking } from '@shared/bureau/ranking.js';
import type { DistrictSummary } from '@shared/bureau/summary.js';
import { lazyBureau, SETTING } from '../../electron/bureau/context.js';
import { createBureauRegistry } from '../../electron/bureau/operations/index.js';
import { servePage } from '../../electron/bureau/page-files.js';
import { writeBureauSetting } from '../../electron/bureau/repository.js';
import { summaryInput } from '../../electron/bureau/summary.js';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { seedDemoDistrict } from '../../electron/demo/bureau-district.js';
import { makeTempDir } from '../helpers/temp-store.js';
import { readSheetXml } from '../helpers/xlsx-xml.js';

const NOW = new Date('2026-12-02T10:00:00+08:00');

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; params: Record<string, unknown> } };
type Written = { file: string; bytes: number; format: string; asOfMonth: string };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' };
/** What the HTML shows as text: tags dropped, the entities escapeHtml writes read back (each once, left to right). */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ENTITIES[name]!);
/** The kinds of element a page has. */
const tagsOf = (html: string) => new Set([...html.matchAll(/<\/?([a-z0-9!]+)/gi)].map((m) => m[1]!.toLowerCase()));

describe('the monthly bulletin and the ranking on the bureau desk', () => {
  const dir = makeTempDir('sponsor-desk-bulletin-');
  const dbPath = join(dir.path, 'desk', 'sponsor-desk-bureau.sqlite');
  const outbox = join(dir.path, 'outbox');
  const registry = createBureauRegistry();
  let ctx: ReturnType<typeof lazyBureau>;
  const call = async <T>(name: string, input: unknown) => (await registry.dispatch(name, input, ctx)) as Answer<T>;
  const value = async <T>(name: string, input: unknown): Promise<T> => {
    const answer = await call<T>(name, input);
    if (!answer.ok) throw new Error(JSON.stringify(answer.error));
    return answer.value;
  };
  const draft = (input: object) => value<BulletinDraft>('bureau.bulletin.draft', input);
  /** The draft with the clerk's edit of its first paragraph. */
  const edited = (d: BulletinDraft, text: string): BulletinParagraph[] => d.paragraphs.map((p, i) => (i === 0 ? { ...p, text } : p));

  beforeAll(async () => {
    mkdirSync(join(dir.path, 'desk'));
    await seedDemoDistrict(dbPath, () => NOW);
    ctx = lazyBureau(dbPath, () => NOW);
  });
  // Nothing here starts a job: closing the database is all there is to stop.
  afterAll(() => {
    ctx.close();
    dir.remove();
  });

  it('ranks units and leaders as sponsorRanking does on the same records, with the change since the month before', async () => {
    const ranking = await value<SponsorRanking>('bureau.ranking', {});
    expect(ranking).toEqual(sponsorRanking(summaryInput(ctx, {})));
    expect(ranking.asOfMonth).toBe('2026-11');
    expect(ranking.previousAsOfMonth).toBe('2026-10');
    expect(ranking.units.length).toBeGreaterThan(3);
    expect(ranking.units[0]!.rank).toBe(1);
    const june = await value<SponsorRanking>('bureau.ranking', { asOfMonth: '2026-06' });
    expect(june).toEqual(sponsorRanking(summaryInput(ctx, { asOfMonth: '2026-06' })));
    // January opens the plan year: no month before to compare.
    expect((await value<SponsorRanking>('bureau.ranking', { asOfMonth: '2026-01' })).previousAsOfMonth).toBeNull();
  });

  it('drafts the bulletin as draftBulletin of bureau.summary for the month and the month before, in Chinese and English', async () => {
    const summary = await value<DistrictSummary>('bureau.summary', {});
    // The month before, as last month's bulletin read it: at the end of this as-of month.
    const previous = await value<DistrictSummary>('bureau.summary', { asOfMonth: '2026-10', referenceDay: '2026-11-30' });
    const zh = await draft({});
    expect(zh).toEqual(draftBulletin(summary, { previous }));
    expect(zh.title).toBe('2026年1-11月全区重点项目建设情况通报');
    expect(zh.paragraphs.map((p) => p.section)).toEqual(['headline', 'sponsorship', 'closedLoop', 'ranking']);
    expect(await draft({ language: 'en' })).toEqual(draftBulletin(summary, { previous, language: 'en' }));
    const june = await value<DistrictSummary>('bureau.summary', { asOfMonth: '2026-06' });
    const may = await value<DistrictSummary>('bureau.summary', { asOfMonth: '2026-05', referenceDay: '2026-06-30' });
    expect(await draft({ asOfMonth: '2026-06' })).toEqual(draftBulletin(june, { previous: may }));
  });

  it('writes the edited bulletin as an A4 page and a workbook, names and text escaped, formula-like text made safe', async () => {
    const plain = (await value<{ html: string }>('bureau.bulletin.document', {})).html;
    const hostile = '<script>alert("x")</script> & "单位" <img src=x onerror=alert(1)>';
    const row = ctx.db.prepare('SELECT id FROM projects ORDER BY code LIMIT 1').get() as { id: string };
    ctx.db.prepare('UPDATE projects SET sponsoring_unit = ?, sponsoring_leader = ? WHERE id = ?').run(`=${hostile}单位`, `${hostile}领导`, row.id);
    writeBureauSetting(ctx.db, SETTING.name, `${hostile}经发局`);
    servePage(ctx, { outboxDir: outbox });
    const d = await draft({});
    const mine = `=HYPERLINK("http://x","点我")本月全区重点项目建设总体平稳。<b>加粗</b>\n第二行`;
    const paragraphs = edited(d, mine);

    const html = await value<Written>('bureau.bulletin.export', { paragraphs, format: 'html' });
    expect(html.file).toBe(join(outbox, '重点项目月度通报-2026-11.html'));
    const page = readFileSync(html.file, 'utf8');
    expect(page).toBe((await value<{ html: string }>('bureau.bulletin.document', { paragraphs })).html);
    // The hostile names and text add no element: the page has the same kinds of element as the plain draft's.
    expect(tagsOf(page)).toEqual(tagsOf(plain));
    expect([...tagsOf(page)]).toEqual(expect.arrayContaining(['h1', 'p', 'table', 'style', 'footer']));
    expect(page).not.toMatch(/<script|<img|<link|url\(|@import/i);
    const text = textOf(page);
    expect(text).toContain(mine);
    expect(text).toContain(d.title);
    for (const p of d.paragraphs.slice(1)) expect(text).toContain(p.text);
    expect(text).toContain(`${hostile}经发局`);
    expect(text).toContain(`=${hostile}单位`);
    expect(text).toContain(`${hostile}领导`);
    expect(page).toContain('@page { size: A4 portrait;');

    const xlsx = await value<Written>('bureau.bulletin.export', { paragraphs, format: 'xlsx', language: 'zh-CN' });
    expect(xlsx.file).toBe(join(outbox, '重点项目月度通报-2026-11.xlsx'));
    const book = XLSX.read(readFileSync(xlsx.file));
    expect(book.SheetNames).toEqual(['通报', '帮包单位排名', '帮包领导排名']);
    const cells = (sheet: string) => XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[sheet]!, { header: 1, raw: true });
    const textRows = cells('通报');
    expect(textRows[0]).toEqual([d.title]);
    // The clerk's text starting with "=" is kept as text with the quote in front, never a formula.
    expect(textRows.find((r) => r[0] === '总体情况')).toEqual(['总体情况', `'${mine}`]);
    // As the file states it: no cell of any sheet is a formula.
    for (const [name, sheet] of await readSheetXml(readFileSync(xlsx.file)))
      expect(
        sheet.cells.filter((c) => c.formula),
        name,
      ).toEqual([]);
    const ranking = await value<SponsorRanking>('bureau.ranking', {});
    const units = cells('帮包单位排名');
    const first = units.find((r) => r[1] === ranking.units[0]!.name)!;
    expect(first.slice(0, 6)).toEqual([
      1,
      ranking.units[0]!.name,
      ranking.units[0]!.projects,
      ranking.units[0]!.completionPct,
      ranking.units[0]!.aheadPoints,
      ranking.units[0]!.projectsBehind,
    ]);
    expect(units.some((r) => r[1] === `'=${hostile}单位`)).toBe(true);
    expect(cells('帮包领导排名').some((r) => r[1] === `${hostile}领导`)).toBe(true);

    // English: the draft's title and words in English, the file named in English; never over the Chinese one.
    const english = await value<Written>('bureau.bulletin.export', { language: 'en', format: 'html' });
    expect(english.file).toBe(join(outbox, 'monthly-bulletin-2026-11.html'));
    expect(textOf(readFileSync(english.file, 'utf8'))).toContain('Sponsoring units ranked');
    const again = await value<Written>('bureau.bulletin.export', { paragraphs, format: 'html' });
    expect(again.file).toBe(join(outbox, '重点项目月度通报-2026-11 (2).html'));
    expect(readFileSync(html.file, 'utf8')).toBe(page);
  });

  it('refuses bad input with a reason of its own and writes nothing', async () => {
    servePage(ctx, { outboxDir: outbox });
    const d = await draft({});
    const before = readdirSync(outbox).sort();
    const cases: [object, string, string?][] = [
      [{ out: join(dir.path, 'x.html') }, 'invalid_input', 'file_handle'],
      [{ folder: dir.path }, 'invalid_input', 'file_handle'],
      [{ folder: `h_${'a'.repeat(32)}` }, 'not_found'],
      [{ paragraphs: edited(d, '长'.repeat(2001)) }, 'invalid_input', 'bulletin_too_long'],
      [{ paragraphs: edited(d, 'abc\u0000def') }, 'invalid_input', 'bulletin_not_text'],
      [{ paragraphs: edited(d, '\u001b[31m') }, 'invalid_input', 'bulletin_not_text'],
      [{ paragraphs: d.paragraphs.map((p, i) => (i === 0 ? { ...p, text: 42 } : p)) }, 'invalid_input'],
      [{ paragraphs: d.paragraphs.map((p, i) => (i === 0 ? { ...p, text: { html: '<b>' } } : p)) }, 'invalid_input'],
      [{ paragraphs: d.paragraphs.map((p) => ({ ...p, text: '  ' })) }, 'invalid_input', 'bulletin_empty'],
      [{ paragraphs: [...d.paragraphs, d.paragraphs[0]] }, 'invalid_input', 'bulletin_paragraphs'],
      [{ paragraphs: Array.from({ length: 11 }, () => d.paragraphs[0]) }, 'invalid_input', 'bulletin_paragraphs'],
      [{ paragraphs: [{ section: 'preface', text: '前言' }] }, 'invalid_input'],
      [{ asOfMonth: 'November' }, 'invalid_input', 'as-of'],
      [{ asOfMonth: '2026-13' }, 'invalid_input', 'as-of'],
      [{ asOfMonth: '2027-01' }, 'invalid_input', 'bulletin_month'],
      [{ format: 'pdf' }, 'invalid_input'],
      [{ language: 'fr' }, 'invalid_input'],
    ];
    for (const [input, code, what] of cases) {
      for (const name of ['bureau.bulletin.export', 'bureau.bulletin.document']) {
        if (name === 'bureau.bulletin.document' && ('out' in input || 'folder' in input || 'format' in input)) continue;
        const answer = await call(name, input);
        expect(answer.ok, `${name} ${JSON.stringify(input).slice(0, 80)}`).toBe(false);
        if (answer.ok) continue;
        expect(answer.error.code, JSON.stringify(input).slice(0, 80)).toBe(code);
        if (what) expect(answer.error.params.what, JSON.stringify(input).slice(0, 80)).toBe(what);
      }
    }
    expect((await call('bureau.ranking', { asOfMonth: '2027-01' })).ok).toBe(false);
    expect((await call('bureau.bulletin.draft', { asOfMonth: '2026-13' })).ok).toBe(false);
    expect(readdirSync(outbox).sort()).toEqual(before);
    expect(existsSync(join(dir.path, 'x.html'))).toBe(false);
  });

  it('writes the draft from the command line, HTML or workbook by the extension, never over a file', async () => {
    ctx.close();
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await createBureauCommand({ now: () => NOW, env: { LANG: 'zh_CN.UTF-8' }, cwd: () => dir.path }).run(['bulletin', ...args, '--db', dbPath], {
        out: (line: string) => out.push(line),
        err: (line: string) => err.push(line),
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const html = join(dir.path, 'cli', '通报.html');
    const first = await run('--as-of', '2026-10', '--out', html);
    expect(first).toMatchObject({ code: 0 });
    expect(first.out).toContain(`已导出月度通报（A4，可打印）：${html}`);
    expect(textOf(readFileSync(html, 'utf8'))).toContain('2026年1-10月全区重点项目建设情况通报');
    const xlsx = join(dir.path, 'cli', 'bulletin.xlsx');
    expect((await run('--as-of', '2026-10', '--out', xlsx)).code).toBe(0);
    expect(XLSX.read(readFileSync(xlsx)).SheetNames).toEqual(['通报', '帮包单位排名', '帮包领导排名']);
    // An existing file is refused and left as it was.
    writeFileSync(html, 'kept');
    const refused = await run('--out', html);
    expect(refused.code).toBe(1);
    expect(readFileSync(html, 'utf8')).toBe('kept');
    expect(refused.err).toContain('目标文件已存在，导出和备份都不会覆盖已有文件');
    // A month not yet begun is said in Chinese with what to do, and writes nothing.
    const early = await run('--as-of', '2027-01', '--out', join(dir.path, 'cli', 'early.html'));
    expect(early).toMatchObject({ code: 1 });
    expect(early.err).toContain('2027-01 还没有开始，没有该月的数字：请用 --as-of 选择已过去的月份');
    expect(existsSync(join(dir.path, 'cli', 'early.html'))).toBe(false);
    expect((await run('--as-of', '2026-13', '--out', join(dir.path, 'cli', 'bad.html'))).code).toBe(1);
    expect(existsSync(join(dir.path, 'cli', 'bad.html'))).toBe(false);
    expect((await run()).code).toBe(2);
    ctx = lazyBureau(dbPath, () => NOW);
  });
});
