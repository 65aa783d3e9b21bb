import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinText, draftBulletin, type BulletinDraft, type BulletinSection } from '@shared/bureau/bulletin.js';
import { sponsorRanking } from '@shared/bureau/ranking.js';
import type { BureauContext } from '../../electron/bureau/context.js';
import { districtSummary, summaryInput } from '../../electron/bureau/summary.js';
import { AS_OF, REFERENCE_DAY } from '../fixtures/bureau/district-2025.js';
import { sourceYearBureau } from '../helpers/source-year-bureau.js';
import { makeTempDir, type TempDir } from '../helpers/temp-store.js';

/**
 * The monthly bulletin reproduces the source's sentences from data: the 96-project fixture folded through
 * signed weekly packets into a real bureau database, its district summary as of 2025-11 (read on 2025-12-31),
 * then the drafted bulletin. The expected sentences are read from the source file, not retyped.
 */
// A verbatim copy of the source (DOMAIN.md's seed/press-release-zh.txt) kept with the fixtures, so the test runs
// wherever the repository does; where the original is at hand, the first test checks the copy against it.
const SOURCE = readFileSync(join(import.meta.dirname, '../fixtures/bureau/press-release-zh.txt'), 'utf8');
const ORIGINAL = join(import.meta.dirname, '../../../shared/seed/press-release-zh.txt');
const NOW = new Date('2026-01-10T09:00:00');

/** The source's paragraph that holds `start`, from `start` to the paragraph's end. */
function sourceFrom(start: string): string {
  const at = SOURCE.indexOf(start);
  if (at < 0) throw new Error(`the source has no "${start}"`);
  return SOURCE.slice(at, SOURCE.indexOf('\n', at)).trim();
}

/** Sentences as the source ends them (。). */
const sentences = (text: string) => text.match(/[^。]+。/g) ?? [];

const paragraph = (draft: BulletinDraft, section: BulletinSection) => draft.paragraphs.find((p) => p.section === section)!.text;

let dir: TempDir;
let ctx: BureauContext;

beforeAll(async () => {
  dir = makeTempDir('sponsor-desk-bulletin-source-');
  const built = await sourceYearBureau(dir, NOW);
  ctx = built.ctx;
  expect(built.statuses).toEqual(built.statuses.map(() => 'accepted'));
});

afterAll(() => {
  ctx?.db.close();
  dir?.remove();
});

describe("the bulletin from the source year's packets", () => {
  it('reads the source file as expected: the sentences start where the test looks for them', () => {
    if (existsSync(ORIGINAL)) expect(SOURCE).toBe(readFileSync(ORIGINAL, 'utf8'));
    expect(sentences(sourceFrom('2025年共谋划实施'))).toHaveLength(2);
    expect(sentences(sourceFrom('在要素保障方面'))).toHaveLength(2);
  });

  it("the headline repeats the source's two sentences character for character", () => {
    const draft = draftBulletin(districtSummary(ctx, { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY }));
    const headline = paragraph(draft, 'headline');
    expect(sentences(headline)).toEqual(sentences(sourceFrom('2025年共谋划实施')));
    expect(headline).toBe(sourceFrom('2025年共谋划实施'));
    expect(draft.title).toBe('2025年1-11月全区重点项目建设情况通报');
  });

  it("the sponsorship paragraph repeats the source's, with the district's name, counts from the data", () => {
    const draft = draftBulletin(districtSummary(ctx, { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY }), { districtName: '高新区' });
    expect(paragraph(draft, 'sponsorship')).toBe(sourceFrom('在要素保障方面'));
    // Without the name it starts where the facts start.
    const plain = draftBulletin(districtSummary(ctx, { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY }));
    expect(paragraph(plain, 'sponsorship')).toBe(sourceFrom('明确12名区领导'));
  });

  it('adds what the data holds beyond the source: the closed loop, the ranking with changes since October', () => {
    const draft = draftBulletin(districtSummary(ctx, { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY }), {
      previous: districtSummary(ctx, { asOfMonth: '2025-10', referenceDay: '2025-11-30' }),
    });
    expect(paragraph(draft, 'closedLoop')).toContain('截至12月底,17个问题已化解14个(其中验证办结9个),化解率82.4%;尚在推进3个,其中超期2个。');
    expect(paragraph(draft, 'closedLoop')).toContain('入库纳统项目20个,竣工投产项目8个。');
    const ranking = sponsorRanking(summaryInput(ctx, { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY }));
    expect(ranking.previousAsOfMonth).toBe('2025-10');
    expect(ranking.units).toHaveLength(14);
    expect(ranking.leaders).toHaveLength(12);
    const first = ranking.units[0]!;
    expect(paragraph(draft, 'ranking')).toContain(`帮包单位中,${first.name}(${first.completionPct}%`);
    expect(bulletinText(draft).split('\n\n')).toHaveLength(5);
    const english = draftBulletin(districtSummary(ctx, { asOfMonth: AS_OF, referenceDay: REFERENCE_DAY }), { language: 'en' });
    expect(paragraph(english, 'headline')).toContain(
      'in January–November they completed 115.3% of the annual planned investment, 23.6 points ahead of schedule.',
    );
    expect(paragraph(english, 'sponsorship')).toContain('over 60 sponsor actions had been carried out by the end of December');
  });
});
