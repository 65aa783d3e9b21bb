import type { LifeCycleStage, MilestoneKind, ProjectLevel } from '../domain/index.js';

/**
 * The Chinese words a bureau types into its master list and reads in its ledger, and the domain values
 * they stand for. Parsing accepts a few common variants; writing always uses the first spelling.
 */
export const LEVEL_ZH: Record<ProjectLevel, string> = { provincial: '省级', municipal: '市级', district: '区级' };

const LEVEL_ALIASES: Record<string, ProjectLevel> = {
  省级: 'provincial',
  省: 'provincial',
  省重点: 'provincial',
  省级重点: 'provincial',
  provincial: 'provincial',
  市级: 'municipal',
  市: 'municipal',
  市重点: 'municipal',
  市级重点: 'municipal',
  municipal: 'municipal',
  区级: 'district',
  区: 'district',
  区重点: 'district',
  区级重点: 'district',
  district: 'district',
};

export function parseLevel(text: string): ProjectLevel | null {
  return LEVEL_ALIASES[text.trim().toLowerCase()] ?? LEVEL_ALIASES[text.trim()] ?? null;
}

export const STAGE_ZH: Record<LifeCycleStage, string> = {
  preliminary_approval: '前期审批',
  factor_guarantee: '要素保障',
  construction: '建设',
  statistics_enrolment: '入库纳统',
  production_start: '竣工投产',
  design_output: '达产达效',
};

const STAGE_ALIASES: Record<string, LifeCycleStage> = {
  ...Object.fromEntries(Object.entries(STAGE_ZH).map(([k, v]) => [v, k as LifeCycleStage])),
  ...Object.fromEntries(Object.keys(STAGE_ZH).map((k) => [k, k as LifeCycleStage])),
  前期: 'preliminary_approval',
  前期手续: 'preliminary_approval',
  在建: 'construction',
  建设中: 'construction',
  施工建设: 'construction',
  投产: 'production_start',
  达产: 'design_output',
};

export function parseStage(text: string): LifeCycleStage | null {
  const t = text.trim();
  return STAGE_ALIASES[t] ?? STAGE_ALIASES[t.toLowerCase()] ?? null;
}

/** Milestone titles with a meaning the bureau counts (statistics enrolment, production start); any other title is `other`. */
export const MILESTONE_KIND_ZH: Record<Exclude<MilestoneKind, 'other'>, string> = {
  construction_start: '开工建设',
  statistics_enrolment: '入库纳统',
  production_start: '竣工投产',
  design_output: '达产达效',
};

const MILESTONE_ALIASES: Record<string, Exclude<MilestoneKind, 'other'>> = {
  开工建设: 'construction_start',
  开工: 'construction_start',
  入库纳统: 'statistics_enrolment',
  纳统: 'statistics_enrolment',
  竣工投产: 'production_start',
  投产: 'production_start',
  达产达效: 'design_output',
  达产: 'design_output',
};

export function milestoneKindOf(title: string): MilestoneKind {
  return MILESTONE_ALIASES[title.trim()] ?? 'other';
}
