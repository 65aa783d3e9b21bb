import { describe, expect, it } from 'vitest';
import { MASTER_ISSUE_TEXT } from '@shared/bureau/master-issues.js';
import { ChecklistEventAction, LifeCycleStage, Origin, ProblemAction, ProblemCategory, ProblemStatus, ProjectLevel, VisitKind } from '@shared/domain/index.js';
import { fill } from '@shared/i18n/catalogue.js';
import { CLI_MESSAGES } from '@shared/i18n/cli-messages.js';
import { milestoneKindOf, parseLevel, parseStage } from '@shared/i18n/parse-words.js';
import { REFUSALS } from '@shared/i18n/refusals.js';
import { SYNC_MESSAGES } from '@shared/i18n/sync-messages.js';
import { VOCABULARY, type Words } from '@shared/i18n/vocabulary.js';
import { en, FEATURES, zhCN } from '../../renderer/src/i18n/catalog.js';

/**
 * Issue 10 point 5: every message catalogue has the same keys in Chinese and English (English knowing every
 * parameter the Chinese uses), no key of the app is defined by two features (the later would silently win), and the
 * vocabulary has one word per concept for every code of the domain.
 */

/** The parameter names of a message: `{name}` and the ICU plural's `{name, plural, …}`. */
const paramsOf = (text: string) => [...new Set([...text.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1]!))].sort();

function checkPair(name: string, zh: Readonly<Record<string, string>>, en: Readonly<Record<string, string>>) {
  expect(Object.keys(en).sort(), `${name}: keys missing in one language`).toEqual(Object.keys(zh).sort());
  for (const key of Object.keys(zh)) {
    expect(zh[key]!.trim(), `${name} ${key} zh is empty`).not.toBe('');
    expect(en[key]!.trim(), `${name} ${key} en is empty`).not.toBe('');
    // Chinese may leave out what is only English (an error's own message); it never needs a value English lacks.
    expect(paramsOf(en[key]!), `${name} ${key}: a parameter the Chinese names is missing in English`).toEqual(expect.arrayContaining(paramsOf(zh[key]!)));
  }
}

const pairs = <K extends string>(entries: Readonly<Record<K, { zh: string; en: string }>>) => ({
  zh: Object.fromEntries(Object.entries<{ zh: string; en: string }>(entries).map(([k, v]) => [k, v.zh])),
  en: Object.fromEntries(Object.entries<{ zh: string; en: string }>(entries).map(([k, v]) => [k, v.en])),
});

describe('message catalogues', () => {
  it('the officer CLI, its usage texts, the master list issues and the refusals have every key in both languages', () => {
    checkPair('sync-messages', SYNC_MESSAGES.zh, SYNC_MESSAGES.en);
    checkPair('cli-messages', CLI_MESSAGES.zh, CLI_MESSAGES.en);
    const issues = pairs(MASTER_ISSUE_TEXT);
    checkPair('master-issues', issues.zh, issues.en);
    for (const [key, refusal] of Object.entries(REFUSALS)) {
      expect(refusal.zh.trim(), key).not.toBe('');
      expect(refusal.en.trim(), key).not.toBe('');
      expect(typeof refusal.nextZh, `${key}: a next step per surface in one language only`).toBe(typeof refusal.nextEn);
    }
  });

  it("the app's features have every key in both languages and never define one key twice", () => {
    const seen = new Map<string, number>();
    FEATURES.forEach((feature, index) => {
      checkPair(`feature ${index}`, feature.zh, feature.en);
      for (const key of Object.keys(feature.zh)) {
        expect(seen.get(key), `"${key}" is defined by features ${seen.get(key)} and ${index}`).toBeUndefined();
        seen.set(key, index);
      }
    });
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it('no Chinese message of the app or the CLIs uses a word the vocabulary replaced', () => {
    // The files are 任务文件 and 工作包 (FILE_WORDS); in progress is 协调中; reopening is 重新打开.
    const replaced = ['任务包', '任务书', '周报数据包', '协调推进中', '办理中', '重新办理'];
    const texts = [...Object.values(zhCN), ...Object.values(SYNC_MESSAGES.zh), ...Object.values(CLI_MESSAGES.zh), ...Object.values(REFUSALS).map((r) => r.zh)];
    for (const text of texts) for (const word of replaced) expect(text, `"${word}" in: ${text}`).not.toContain(word);
  });

  it('fills parameters, keeping or dropping a missing one', () => {
    expect(fill('第{n}号{what}', { n: 3 })).toBe('第3号{what}');
    expect(fill('第{n}号{what}', { n: 3, what: null }, 'drop')).toBe('第3号');
  });
});

describe('vocabulary', () => {
  const domain: Record<string, readonly string[]> = {
    level: ProjectLevel.options,
    stage: LifeCycleStage.options,
    problemStatus: ProblemStatus.options,
    problemAction: ProblemAction.options,
    problemCategory: ProblemCategory.options,
    visitKind: VisitKind.options,
    checklistAction: ChecklistEventAction.options,
    origin: Origin.options,
  };

  it('has a word in both languages for every code of the domain, and one concept never uses a word twice', () => {
    for (const [concept, words] of Object.entries(VOCABULARY) as [string, Words<string>][]) {
      if (domain[concept]) expect(Object.keys(words).sort(), concept).toEqual([...domain[concept]].sort());
      for (const lang of ['zh', 'en'] as const) {
        const values = Object.values(words).map((w) => w[lang]);
        expect(
          values.every((v) => v.trim() !== ''),
          `${concept} ${lang}`,
        ).toBe(true);
        expect(new Set(values).size, `${concept} ${lang}: two codes share a word`).toBe(values.length);
      }
    }
  });

  it('reads its own words back, and the older spellings the bureau may still type', () => {
    for (const [code, w] of Object.entries(VOCABULARY.stage)) expect(parseStage(w.zh)).toBe(code);
    for (const [code, w] of Object.entries(VOCABULARY.level)) expect(parseLevel(w.zh)).toBe(code);
    for (const [code, w] of Object.entries(VOCABULARY.milestoneKind)) expect(milestoneKindOf(w.zh)).toBe(code);
    expect([parseStage('建设'), parseStage('在建'), parseStage('construction'), parseLevel('省重点'), parseLevel('Municipal')]).toEqual([
      'construction',
      'construction',
      'construction',
      'provincial',
      'municipal',
    ]);
    expect([milestoneKindOf('开工'), milestoneKindOf('construction_start'), parseStage('建设实施期')]).toEqual(['construction_start', 'other', null]);
  });
});
