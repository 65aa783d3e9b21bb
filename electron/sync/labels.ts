import type { ChecklistEvent, LifeCycleStage, ProblemAction, ProblemCategory, ProblemStatus, ProjectLevel, VisitKind } from '@shared/domain/index.js';

/** Chinese labels of domain codes, for the ledger workbook and the printable report (both always Chinese). */
export const LEVEL_ZH: Record<ProjectLevel, string> = { provincial: '省级', municipal: '市级', district: '区级' };

export const STAGE_ZH: Record<LifeCycleStage, string> = {
  preliminary_approval: '前期审批',
  factor_guarantee: '要素保障',
  construction: '建设',
  statistics_enrolment: '入库纳统',
  production_start: '竣工投产',
  design_output: '达产达效',
};

export const VISIT_KIND_ZH: Record<VisitKind, string> = { site_visit: '现场走访', meeting: '座谈会议', call: '电话联系', coordination: '协调会' };

export const PROBLEM_CATEGORY_ZH: Record<ProblemCategory, string> = {
  policy: '政策难点',
  approval: '审批堵点',
  land: '土地',
  capital: '资金',
  energy_quota: '能耗指标',
  power_water: '水电保障',
  labour: '用工',
  other: '其他',
};

export const PROBLEM_STATUS_ZH: Record<ProblemStatus, string> = {
  raised: '已收集',
  dispatched: '已交办',
  in_progress: '协调推进中',
  resolved: '已化解',
  closed: '已办结',
};

export const PROBLEM_ACTION_ZH: Record<ProblemAction, string> = {
  dispatch: '交办',
  coordinate: '协调',
  resolve: '化解',
  verify_close: '核实办结',
  reopen: '重新打开',
  note: '备注',
};

export const CHECKLIST_ACTION_ZH: Record<ChecklistEvent['action'], string> = { close_off: '销号', reopen: '重新打开' };

export const ORIGIN_ZH = { bureau: '经发局', officer: '帮包责任人' } as const;
