import type { LifeCycleStage, MilestoneKind, ProjectLevel } from '../domain/index.js';
import { LEVEL_WORDS, MILESTONE_KIND_WORDS, STAGE_WORDS, type Words } from './vocabulary.js';

/**
 * The words a bureau types into its master list, read back into domain values. The vocabulary's Chinese
 * word and the code are accepted, plus a few common variants (建设 was the files' word for 建设实施);
 * writing always uses the vocabulary.
 */
function aliases<K extends string>(words: Words<K>, variants: Record<string, K>, codes = true): Map<string, K> {
  const map = new Map<string, K>();
  for (const [code, w] of Object.entries<{ zh: string }>(words)) {
    map.set(w.zh, code as K);
    if (codes) map.set(code, code as K);
  }
  for (const [text, code] of Object.entries(variants)) map.set(text, code);
  return map;
}

const LEVELS = aliases(LEVEL_WORDS, {
  省: 'provincial',
  省重点: 'provincial',
  省级重点: 'provincial',
  市: 'municipal',
  市重点: 'municipal',
  市级重点: 'municipal',
  区: 'district',
  区重点: 'district',
  区级重点: 'district',
});

const STAGES = aliases(STAGE_WORDS, {
  前期: 'preliminary_approval',
  前期手续: 'preliminary_approval',
  建设: 'construction',
  在建: 'construction',
  建设中: 'construction',
  施工建设: 'construction',
  投产: 'production_start',
  达产: 'design_output',
});

const MILESTONES = aliases(
  MILESTONE_KIND_WORDS,
  { 开工: 'construction_start', 纳统: 'statistics_enrolment', 投产: 'production_start', 达产: 'design_output' },
  false,
);

export function parseLevel(text: string): ProjectLevel | null {
  const t = text.trim();
  return LEVELS.get(t) ?? LEVELS.get(t.toLowerCase()) ?? null;
}

export function parseStage(text: string): LifeCycleStage | null {
  const t = text.trim();
  return STAGES.get(t) ?? STAGES.get(t.toLowerCase()) ?? null;
}

/** Milestone titles with a meaning the bureau counts (statistics enrolment, production start); any other title is `other`. */
export function milestoneKindOf(title: string): MilestoneKind {
  return MILESTONES.get(title.trim()) ?? 'other';
}
