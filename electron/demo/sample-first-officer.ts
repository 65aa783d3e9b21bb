import type { LifeCycleStage, ProjectLevel } from '@shared/domain/index.js';

/**
 * The first officer of the bureau's sample master list (docs/samples) and the six projects in their hands.
 * Kept apart from the officer app's demo dataset on purpose: the demo has its own officer (演示用户) and its
 * own projects (codes DEMO-…), so a demo store and a real assignment made from the samples are never confused.
 */
export const SAMPLE_FIRST_OFFICER = { name: '李明', unit: '区经济发展局', phone: '0632-0000000' } as const;

/** A project of the sample list, as its row gives it (samples.ts adds the officer). */
export interface SampleProject {
  code: string;
  name: string;
  company: string;
  level: ProjectLevel;
  industry: string;
  plan: number;
  total: number;
  stage: LifeCycleStage;
  leader: string;
  unit: string;
  location: string;
  /** The checklist template the row names. */
  template: string;
  /** Planned start of construction; the other milestones follow it. */
  start: string;
}

// One project a line, as the master list has them: a table reads better than a formatted object tree.
// prettier-ignore
export const SAMPLE_FIRST_PROJECTS: readonly SampleProject[] = [
  { code: 'GX-2026-001', name: '欣旺达动力电池二期项目', company: '欣旺达动力科技（枣庄）有限公司', level: 'provincial', industry: '锂电新能源', plan: 120000, total: 500000, stage: 'construction', leader: '王立新', unit: '区经济发展局', location: '复元三路以东', template: '产业项目', start: '2026-03-01' },
  { code: 'GX-2026-002', name: '科达利精密结构件生产基地', company: '枣庄科达利精密工业有限公司', level: 'municipal', industry: '锂电配套', plan: 45000, total: 150000, stage: 'construction', leader: '刘志刚', unit: '区住房和城乡建设局', location: '锂电产业园', template: '产业项目', start: '2026-03-01' },
  { code: 'GX-2026-003', name: '新型超充电池项目', company: '山东超充新能源科技有限公司', level: 'municipal', industry: '锂电新能源', plan: 30000, total: 200000, stage: 'factor_guarantee', leader: '王立新', unit: '区自然资源局', location: '兴仁大道北侧', template: '产业项目', start: '2026-06-20' },
  { code: 'GX-2026-004', name: '纵贯线新能源配套项目', company: '枣庄纵贯线新能源有限公司', level: 'district', industry: '新能源配套', plan: 18000, total: 40000, stage: 'statistics_enrolment', leader: '陈静', unit: '区行政审批服务局', location: '锂电产业园', template: '产业项目', start: '2025-12-10' },
  { code: 'GX-2026-005', name: '正瀚新能源材料项目', company: '山东正瀚新材料有限公司', level: 'district', industry: '新材料', plan: 25000, total: 60000, stage: 'production_start', leader: '刘志刚', unit: '区经济发展局', location: '化工产业园', template: '产业项目', start: '2025-05-18' },
  { code: 'GX-2026-006', name: '高新实验学校建设项目', company: '枣庄高新区城市建设发展有限公司', level: 'district', industry: '公共服务', plan: 12000, total: 36000, stage: 'preliminary_approval', leader: '陈静', unit: '区教育和体育局', location: '光明大道南侧', template: '社会事业项目', start: '2026-09-15' },
];
