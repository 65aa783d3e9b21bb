import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectLevel } from '@shared/domain/index.js';
import { LEVEL_ZH, STAGE_ZH } from '@shared/i18n/vocabulary.js';
import { addDays, DEFAULT_TIME_ZONE, lastReportedMonth, localDay } from '@shared/rules/index.js';
import { openBureau, type BureauContext } from '../bureau/context.js';
import { importMasterList } from '../bureau/import-master.js';
import { initBureau } from '../bureau/init.js';
import { actOnBureauProblem, raiseBureauProblem } from '../bureau/problems.js';
import { readBureauSetting, writeBureauSetting } from '../bureau/repository.js';
import { masterListCsv, type MasterCells } from './bureau-samples.js';
import { foldDemoPackets } from './demo-packets.js';
import { seededRandom } from './seeded-random.js';

/**
 * The bureau desk's demo district: what `npm run preview -- --bureau` shows on a new database, so the first
 * screen is not empty. 96 invented projects (30 provincial or municipal) for 10 officers, 12 sponsoring leaders
 * and 14 sponsoring units, with the source year's figures at the end of November (DOMAIN.md: 115.3 % of the
 * annual plan, provincial and municipal 112.6 %, district 121 %; 17 problems from 11 projects), scaled to the
 * months elapsed on any other day. It is built only through the desk's own functions: init, a master list
 * (written as CSV and imported, its 累计完成投资 columns carrying the investment) and problems the bureau
 * raises and moves along the closed loop. Marked with the setting DEMO_SETTING, codes DEMO-2026-NNN and a
 * bureau name ending in （演示）.
 */

export const DEMO_SETTING = 'demo_district';
export const DEMO_BUREAU_NAME = '高新区经济发展局重点项目办（演示）';

/** The source's completion of the annual plan at the end of November, per group (DOMAIN.md test vectors). */
const SOURCE_NOVEMBER = { provincialAndMunicipal: 1.126, district: 1.21 } as const;

const LEADERS = ['孙海涛', '王立新', '周敏', '陈静', '吴建国', '刘志刚', '李华', '赵东方', '钱玉兰', '郑凯', '冯建华', '韩雪'];
const UNITS = [
  '区经济发展局',
  '区发展和改革局',
  '区科技创新局',
  '区住房和城乡建设局',
  '区自然资源局',
  '区商务局',
  '区行政审批服务局',
  '区财政局',
  '区生态环境分局',
  '区市场监督管理局',
  '区教育和体育局',
  '区卫生健康局',
  '区应急管理局',
  '区投资促进中心',
];
/** Ten officers, each in one of the first ten units; the other four units' projects are served by them too. */
const OFFICERS = ['韩立', '杜娟', '孟凡', '高峰', '曹颖', '邓超', '许静', '彭亮', '吕倩', '苏航'].map((name, i) => ({
  name,
  unit: UNITS[i]!,
  phone: `0632-81170${String(i).padStart(2, '0')}`,
}));
const INDUSTRIES = ['锂电新能源', '高端装备', '电子信息', '生物医药', '新材料', '数字经济', '现代物流', '绿色低碳', '基础设施', '公共服务'];
const PREFIXES = ['鲁南', '高新', '复元', '光明', '兴仁', '锦华', '恒信', '华宇', '中科', '泰和', '宏达', '国泰'];
const SUBJECTS: Record<string, string[]> = {
  锂电新能源: ['动力电池模组', '储能电池系统', '锂电正极材料', '电解液'],
  高端装备: ['精密机床', '智能装备制造', '工业机器人'],
  电子信息: ['半导体封装测试', '光电显示模组', '智能终端'],
  生物医药: ['生物制剂', '医疗器械', '创新药中试'],
  新材料: ['高性能纤维', '特种合金', '碳基新材料'],
  数字经济: ['数据中心', '工业互联网平台', '软件产业园'],
  现代物流: ['冷链物流园', '智慧仓储中心'],
  绿色低碳: ['分布式光伏', '零碳园区示范', '余热利用'],
  基础设施: ['道路工程', '污水处理提标改造', '配套管网工程'],
  公共服务: ['人才公寓', '实验学校', '社区卫生服务中心'],
};

/** Splits `total` (whole 万元) over `weights`, each share rounded, the last taking the rest so the sum is exact. */
function split(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const shares = weights.map((w) => Math.round((total * w) / sum));
  shares[shares.length - 1]! += total - shares.reduce((s, v) => s + v, 0);
  return shares;
}

interface DemoProject {
  cells: MasterCells;
  level: ProjectLevel;
}

/** The district's master list on `today` (YYYY-MM-DD, the district's calendar): plan year and completed months follow it. */
export function demoDistrictRows(today: string): MasterCells[] {
  const asOfMonth = lastReportedMonth(today);
  const year = Number(asOfMonth.slice(0, 4));
  const months = Number(asOfMonth.slice(5, 7));
  const next = seededRandom(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const levels: ProjectLevel[] = [
    ...Array<ProjectLevel>(8).fill('provincial'),
    ...Array<ProjectLevel>(22).fill('municipal'),
    ...Array<ProjectLevel>(66).fill('district'),
  ];
  const range = { provincial: [30000, 90000], municipal: [10000, 40000], district: [2000, 15000] } as const;

  const projects: DemoProject[] = levels.map((level, i) => {
    const industry = level === 'district' && i % 5 === 0 ? pick(['基础设施', '公共服务']) : pick(INDUSTRIES.slice(0, 8));
    const [low, high] = range[level];
    const plan = Math.round((low + next() * (high - low)) / 100) * 100;
    const officer = OFFICERS[i % OFFICERS.length]!;
    // The projects with problems (PROBLEMS below) are all under construction.
    const stage = i % 9 === 8 ? 'preliminary_approval' : i % 13 === 12 ? 'production_start' : i % 7 === 6 ? 'factor_guarantee' : 'construction';
    // Projects still in approval or waiting for land and power start at the end of the year (a few of them late).
    const offset = Math.floor(next() * 150);
    const start =
      stage === 'preliminary_approval' || stage === 'factor_guarantee' ? addDays(`${year}-11-20`, Math.floor(offset / 5)) : addDays(`${year}-01-15`, offset);
    const cells: MasterCells = {
      code: `DEMO-${year}-${String(i + 1).padStart(3, '0')}`,
      name: `${pick(PREFIXES)}${pick(SUBJECTS[industry]!)}项目`,
      company: `枣庄${pick(PREFIXES)}${industry === '基础设施' || industry === '公共服务' ? '城市建设发展' : '科技'}有限公司`,
      level: LEVEL_ZH[level],
      industry,
      planYear: year,
      annualPlannedInvestment: plan,
      sponsoringLeader: LEADERS[i % LEADERS.length]!,
      sponsoringUnit: UNITS[(i * 5) % UNITS.length]!,
      officerName: officer.name,
      officerUnit: officer.unit,
      officerPhone: officer.phone,
      location: `${pick(['锂电产业园', '科创园', '化工产业园', '机床产业园', '物流园区'])}${pick(['东区', '西区', '南区', '北区'])}`,
      totalInvestment: plan * (2 + Math.floor(next() * 3)),
      stage: STAGE_ZH[stage],
      milestones: `开工建设:${start};入库纳统:${addDays(start, 45)};竣工投产:${addDays(start, 300)}`,
    };
    return { cells, level };
  });

  // The provincial and municipal projects hold 67.9 % of the plan, so the three groups' figures agree with the
  // source's (1.126 × 0.679 + 1.21 × 0.321 = 1.153): the district plans are scaled to that share.
  const byGroup = (pm: boolean) => projects.filter((p) => (p.level !== 'district') === pm);
  const planOf = (ps: readonly DemoProject[]) => ps.reduce((s, p) => s + Number(p.cells.annualPlannedInvestment), 0);
  const district = byGroup(false);
  const districtPlan = Math.round((planOf(byGroup(true)) * (1 - 0.6786)) / 0.6786 / 100) * 100;
  split(
    districtPlan,
    district.map((p) => Number(p.cells.annualPlannedInvestment)),
  ).forEach((plan, i) => (district[i]!.cells.annualPlannedInvestment = plan));

  // Each group's completed investment to the source's rate (scaled to the months elapsed), spread unevenly so
  // some projects run ahead of the schedule and some behind.
  for (const [pm, rate] of [
    [true, SOURCE_NOVEMBER.provincialAndMunicipal],
    [false, SOURCE_NOVEMBER.district],
  ] as const) {
    const group = byGroup(pm);
    const completed = Math.round(planOf(group) * rate * (months / 11));
    const shares = split(
      completed,
      group.map((p) => Number(p.cells.annualPlannedInvestment) * (0.35 + next() * 1.3)),
    );
    group.forEach((p, i) => {
      p.cells.completedToDate = Math.max(0, shares[i]!);
      p.cells.completedThroughMonth = asOfMonth;
    });
  }
  return projects.map((p) => p.cells);
}

/** The problems the bureau has raised: 17 on 11 projects, as [project index, category, description, department]. */
const PROBLEMS: readonly [number, string, string, string][] = [
  [0, 'land', '二期用地指标尚未落实，影响厂房扩建', '区自然资源局'],
  [0, 'power_water', '双回路供电线路接入需协调供电公司', '区住房和城乡建设局'],
  [2, 'approval', '环评批复办理进度滞后', '区生态环境分局'],
  [5, 'capital', '项目贷款审批进度慢，资金到位不足', '区财政局'],
  [5, 'energy_quota', '能耗指标缺口约 1.2 万吨标准煤', '区发展和改革局'],
  [5, 'labour', '设备安装阶段技术工人短缺', '区人力资源和社会保障局'],
  [9, 'policy', '招商协议约定的奖补政策兑现口径不明确', '区投资促进中心'],
  [14, 'approval', '施工许可证办理需补充消防设计审查意见', '区行政审批服务局'],
  [14, 'land', '临时用地手续未办结', '区自然资源局'],
  [23, 'power_water', '园区污水管网未接通', '区住房和城乡建设局'],
  [31, 'capital', '专项债资金拨付节点滞后', '区财政局'],
  [40, 'approval', '节能审查意见待出具', '区发展和改革局'],
  [40, 'other', '周边村民对施工噪声有意见，需协调', '属地街道办事处'],
  [52, 'land', '土地征收补偿尚有两户未签约', '区自然资源局'],
  [61, 'energy_quota', '用能权交易指标需市级统筹', '区发展和改革局'],
  [70, 'policy', '高新技术企业认定材料需指导', '区科技创新局'],
  [70, 'capital', '配套资金到位率不足 50%', '区财政局'],
];

/**
 * How far each problem has come, in order: resolved and verified (closed), resolved, being coordinated by the
 * leader, dispatched, just raised. Eleven of seventeen resolved, as a district reports late in the year.
 */
const PROGRESS = [
  'closed',
  'closed',
  'closed',
  'closed',
  'closed',
  'closed',
  'closed',
  'resolved',
  'resolved',
  'resolved',
  'resolved',
  'in_progress',
  'in_progress',
  'in_progress',
  'dispatched',
  'dispatched',
  'raised',
] as const;

/** The bureau's problems, raised over the months before `today` and moved along the loop a few weeks apart. */
function raiseDemoProblems(ctx: BureauContext, codes: readonly string[], today: string): void {
  PROBLEMS.forEach(([index, category, description, department], n) => {
    const raisedOn = addDays(today, -20 - (PROBLEMS.length - n) * 9);
    const at = (day: string) => ({ ...ctx, now: () => new Date(`${day}T10:00:00+08:00`) });
    const progress = PROGRESS[n]!;
    // Open problems of the last few fall due before today: the overdue ones a bureau chases.
    const dueOn = progress === 'closed' || progress === 'resolved' ? addDays(raisedOn, 60) : addDays(raisedOn, n % 2 === 0 ? 30 : 90);
    const problem = raiseBureauProblem(at(raisedOn), { project: codes[index]!, category, description, responsibleDepartment: department, dueOn });
    const steps: [string, Record<string, string>][] = [
      ['dispatch', { department }],
      ['coordinate', { note: '帮包领导召集相关部门现场协调' }],
      ['resolve', { resolution: '已协调相关部门办理完毕' }],
      ['verify_close', { note: '经核实已办结' }],
    ];
    const depth = { raised: 0, dispatched: 1, in_progress: 2, resolved: 3, closed: 4 }[progress];
    steps.slice(0, depth).forEach(([action, extra], k) => actOnBureauProblem(at(addDays(raisedOn, 3 + k * 6)), { problem: problem.id, action, ...extra }));
  });
}

/**
 * Sets up the bureau desk at `dbPath` with the demo district, unless a database is already there. Returns
 * whether it seeded. The master list goes through the real import from a CSV file in a temporary folder.
 */
export async function seedDemoDistrict(dbPath: string, now: () => Date = () => new Date()): Promise<boolean> {
  const init = initBureau(dbPath, { name: DEMO_BUREAU_NAME, now });
  if (!init.created) return false;
  const ctx = openBureau(dbPath, now);
  const tmp = mkdtempSync(join(tmpdir(), 'sponsor-desk-demo-district-'));
  try {
    const today = localDay(now(), DEFAULT_TIME_ZONE);
    const rows = demoDistrictRows(today);
    const file = join(tmp, '演示区重点项目清单.csv');
    writeFileSync(file, masterListCsv(rows));
    importMasterList(ctx, file, { defaultYear: Number(rows[0]!.planYear) });
    raiseDemoProblems(
      ctx,
      rows.map((r) => String(r.code)),
      today,
    );
    await foldDemoPackets(ctx, tmp, String(rows[0]!.completedThroughMonth), today);
    writeBureauSetting(ctx.db, DEMO_SETTING, true);
    return true;
  } finally {
    ctx.db.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Whether the bureau database holds the demo district. */
export const isDemoDistrict = (ctx: BureauContext): boolean => readBureauSetting(ctx.db, DEMO_SETTING) === true;
