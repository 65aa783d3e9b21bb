import { writeFileSync } from 'node:fs';
import { checklistItemIdFor, milestoneIdFor, projectIdForCode } from '../../../electron/bureau/ids.js';
import { CHECKLIST_TEMPLATES } from '@shared/bureau/templates.js';
import { LEVEL_ZH, MILESTONE_KIND_ZH, STAGE_ZH } from '@shared/i18n/vocabulary.js';
import type { LifeCycleStage, MilestoneKind, Project, ProjectLevel } from '@shared/domain/index.js';
import { LIFE_CYCLE_STAGES } from '@shared/domain/project.js';
import { addDays } from '@shared/rules/schedule.js';
import type { Rng } from './prng.js';

/**
 * The simulated district: officers, leaders, units and the bureau's master list of key projects, written
 * as the CSV a bureau would edit by hand and import again. Everything here is plain data the reference
 * model reads; ids are derived from codes exactly as docs/bureau.md specifies.
 */

export const PLAN_YEAR = 2026;

const OFFICER_NAMES = ['李明', '张伟', '王芳', '赵磊', '刘洋', '陈静', '杨帆', '黄磊', '周敏', '吴刚', '徐丽', '孙强', '马超', '朱红'];
export const UNITS = [
  '区经济发展局',
  '区住房和城乡建设局',
  '区自然资源局',
  '区财政局',
  '区行政审批服务局',
  '区生态环境分局',
  '区商务局',
  '区科技局',
  '区工业和信息化局',
  '区交通运输局',
  '区农业农村局',
  '区教育和体育局',
  '区卫生健康局',
  '区文化和旅游局',
];
export const LEADERS = ['王立新', '刘志刚', '张建国', '李红梅', '陈晓东', '杨光', '赵文华', '孙海波', '周建平', '吴晓燕', '郑国强', '冯雪'];
export const DEPARTMENTS = [
  '区自然资源局',
  '区行政审批服务局',
  '区住房和城乡建设局',
  '区财政局',
  '区发展和改革局',
  '区生态环境分局',
  '国网供电公司',
  '区人力资源和社会保障局',
];
const INDUSTRIES = ['锂电新能源', '高端装备', '新材料', '数字经济', '文旅康养', '现代物流', '城市更新', '基础设施'];
const PROJECT_WORDS = [
  '动力电池',
  '精密结构件',
  '智能装备产业园',
  '新材料基地',
  '数据中心',
  '冷链物流园',
  '老旧小区改造',
  '综合管廊',
  '康养小镇',
  '电子信息产业园',
  '光伏组件',
  '储能电站',
];
const COMPANIES = ['枣庄高新投资集团有限公司', '山东鲁南新能源有限公司', '枣庄市城建开发有限公司', '鲁南智造科技有限公司', '枣庄文旅发展集团有限公司'];
const EXPLICIT_TASKS: readonly [LifeCycleStage, string][] = [
  ['preliminary_approval', '项目备案'],
  ['preliminary_approval', '用地规划许可'],
  ['preliminary_approval', '施工许可证'],
  ['factor_guarantee', '土地供应'],
  ['factor_guarantee', '融资资金落实'],
  ['factor_guarantee', '水电气接入'],
  ['construction', '主体工程开工'],
  ['construction', '主体结构封顶'],
  ['construction', '设备进场安装'],
  ['statistics_enrolment', '入库纳统'],
  ['production_start', '竣工验收'],
];

export interface SimOfficer {
  index: number;
  /** Drawn from the seed and registered with `officers add --id`, so a replay has the same ids. */
  id: string;
  name: string;
  unit: string;
  phone: string;
}

export interface SimMilestone {
  kind: MilestoneKind;
  title: string;
  plannedOn: string;
}

export interface SimTask {
  stage: LifeCycleStage;
  title: string;
  dueOn: string;
}

/** One row of the bureau's master list, as the bureau keeps editing it. */
export interface SimProject extends Pick<Project, 'code' | 'id' | 'name' | 'company' | 'level' | 'industry' | 'stage' | 'location'> {
  leader: string;
  unit: string;
  officer: number;
  annualPlan: number;
  total: number | null;
  milestones: SimMilestone[];
  /** A template name (tasks derived from the milestones) or explicit tasks. */
  template: string | null;
  tasks: SimTask[];
  /** Named in the current master list (a project the list stops naming is withdrawn). */
  listed: boolean;
}

export function makeOfficers(rng: Rng, count: number): SimOfficer[] {
  return Array.from({ length: count }, (_, i) => ({
    index: i,
    id: rng.uuid(),
    name: i < OFFICER_NAMES.length ? OFFICER_NAMES[i]! : `${OFFICER_NAMES[i % OFFICER_NAMES.length]}${Math.floor(i / OFFICER_NAMES.length) + 1}`,
    unit: UNITS[i % UNITS.length]!,
    phone: `0632-${String(3000000 + i * 7919).slice(0, 7)}`,
  }));
}

export const pad2 = (n: number): string => String(n).padStart(2, '0');
/** A day of the plan year: day-of-year 0 = January 1. */
export function dayOfYear(n: number): string {
  const d = new Date(Date.UTC(PLAN_YEAR, 0, 1 + n));
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

export function newProject(rng: Rng, officer: number, serial: number): SimProject {
  const code = `SIM-${PLAN_YEAR}-${String(serial).padStart(3, '0')}`;
  const level = rng.weighted<ProjectLevel>([
    ['provincial', 1],
    ['municipal', 2],
    ['district', 5],
  ]);
  const start = rng.range(20, 140);
  const enrol = start + rng.range(30, 120);
  const production = Math.min(enrol + rng.range(60, 200), 360);
  const milestones: SimMilestone[] = [
    { kind: 'construction_start', title: MILESTONE_KIND_ZH.construction_start, plannedOn: dayOfYear(start) },
    { kind: 'statistics_enrolment', title: MILESTONE_KIND_ZH.statistics_enrolment, plannedOn: dayOfYear(enrol) },
    { kind: 'production_start', title: MILESTONE_KIND_ZH.production_start, plannedOn: dayOfYear(production) },
    { kind: 'design_output', title: MILESTONE_KIND_ZH.design_output, plannedOn: dayOfYear(production + rng.range(90, 200)) },
  ];
  if (rng.chance(0.3)) milestones.push({ kind: 'other', title: '设备安装完成', plannedOn: dayOfYear(Math.min(production - 20, 360)) });
  const stage = rng.weighted<LifeCycleStage>([
    ['preliminary_approval', 2],
    ['factor_guarantee', 2],
    ['construction', 5],
    ['statistics_enrolment', 1],
  ]);
  const template = rng.chance(0.4) ? rng.pick(CHECKLIST_TEMPLATES).name : null;
  const tasks: SimTask[] = [];
  if (!template) {
    for (const [taskStage, title] of EXPLICIT_TASKS) {
      if (rng.chance(0.45)) tasks.push({ stage: taskStage, title, dueOn: dayOfYear(rng.range(10, 350)) });
    }
  }
  const annualPlan = rng.range(20, 1500) * 100;
  return {
    code,
    id: projectIdForCode(code),
    name: `${rng.pick(['鲁南', '枣庄', '薛城', '高新区', '滕州'])}${rng.pick(PROJECT_WORDS)}项目${serial}`,
    company: rng.pick(COMPANIES),
    level,
    industry: rng.pick(INDUSTRIES),
    stage,
    leader: rng.pick(LEADERS),
    unit: UNITS[officer % UNITS.length]!,
    officer,
    annualPlan,
    total: rng.chance(0.8) ? annualPlan * rng.range(2, 6) : null,
    location: rng.pick(['复元三路以东', '锂电产业园', '光明大道北侧', '高新区科创中心', '']),
    milestones,
    template,
    tasks,
    listed: true,
  };
}

// ── What the bureau's import makes of a row (docs/bureau.md), for the reference model ────────────────

/** A project as the bureau's import makes it and hands it to its officer (the master list's facts). */
export type ExpectedProject = Omit<Project, 'archivedAt' | 'bureauCompleted'>;
export interface ExpectedMilestone {
  id: string;
  projectId: string;
  kind: MilestoneKind;
  title: string;
  plannedOn: string;
  sortOrder: number;
}
export interface ExpectedItem {
  id: string;
  projectId: string;
  stage: LifeCycleStage;
  title: string;
  dueOn: string;
  sortOrder: number;
  origin: 'bureau';
}

export function expectedProject(p: SimProject, officers: readonly SimOfficer[]): ExpectedProject {
  const { id, code, name, company, level, industry, stage, location } = p;
  return {
    id,
    code,
    name,
    company,
    level,
    industry,
    stage,
    location,
    sponsoringLeader: p.leader,
    sponsoringUnit: p.unit,
    officerId: officers[p.officer]!.id,
    planYear: PLAN_YEAR,
    annualPlannedInvestment: p.annualPlan,
    totalInvestment: p.total,
  };
}

export function expectedMilestones(p: SimProject): ExpectedMilestone[] {
  return p.milestones.map((m, i) => ({
    id: milestoneIdFor(p.code, m.kind, m.title),
    projectId: p.id,
    kind: m.kind,
    title: m.title,
    plannedOn: m.plannedOn,
    sortOrder: i,
  }));
}

/** A template gives the tasks of the current stage and every later one, each due on its milestone's day plus its offset. */
export function projectTasks(p: SimProject): SimTask[] {
  if (!p.template) return p.tasks;
  const template = CHECKLIST_TEMPLATES.find((t) => t.name === p.template)!;
  const from = LIFE_CYCLE_STAGES.indexOf(p.stage);
  return template.tasks
    .filter((t) => LIFE_CYCLE_STAGES.indexOf(t.stage) >= from)
    .map((t) => ({ stage: t.stage, title: t.title, dueOn: addDays(p.milestones.find((m) => m.kind === t.anchor)!.plannedOn, t.offsetDays) }));
}

export function expectedItems(p: SimProject): ExpectedItem[] {
  return projectTasks(p).map((t, i) => ({
    id: checklistItemIdFor(p.code, t.stage, t.title),
    projectId: p.id,
    stage: t.stage,
    title: t.title,
    dueOn: t.dueOn,
    sortOrder: i,
    origin: 'bureau',
  }));
}

// ── The CSV the bureau edits ─────────────────────────────────────────────────────────────────────────

const HEADERS = [
  '项目编码',
  '项目名称',
  '建设单位',
  '项目级别',
  '所属行业',
  '计划年度',
  '年度计划投资（万元）',
  '帮包领导',
  '帮包单位',
  '帮包责任人',
  '责任人单位',
  '责任人电话',
  '所在位置',
  '总投资（万元）',
  '当前阶段',
  '阶段清单',
  '里程碑',
];

const csvCell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** Writes the listed projects as the master list CSV (UTF-8 with BOM, as the samples are). */
export function writeMasterListCsv(path: string, projects: readonly SimProject[], officers: readonly SimOfficer[]): void {
  const lines = [HEADERS.join(',')];
  for (const p of projects.filter((x) => x.listed)) {
    const officer = officers[p.officer]!;
    lines.push(
      [
        p.code,
        p.name,
        p.company,
        LEVEL_ZH[p.level],
        p.industry,
        PLAN_YEAR,
        p.annualPlan,
        p.leader,
        p.unit,
        officer.name,
        officer.unit,
        officer.phone,
        p.location,
        p.total,
        STAGE_ZH[p.stage],
        p.template ?? p.tasks.map((t) => `${STAGE_ZH[t.stage]}:${t.title}:${t.dueOn}`).join(';'),
        p.milestones.map((m) => `${m.title}:${m.plannedOn}`).join(';'),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}
