import * as XLSX from '@e965/xlsx';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MASTER_COLUMNS, type MasterColumnKey } from '@shared/bureau/master-list.js';
import { CHECKLIST_TEMPLATES } from '@shared/bureau/templates.js';
import { LEVEL_ZH, STAGE_ZH } from '@shared/i18n/vocabulary.js';
import { addDays } from '@shared/rules/index.js';
import { formulaSafeRows } from '../sync/sheet-text.js';
import { writeXlsx } from '../sync/xlsx-write.js';
import { MASTER_SHEET_NAME } from '../bureau/master-file.js';
import { DOCS_SAMPLES_CLOCK, sampleCalendar } from './sample-calendar.js';
import { SAMPLE_FIRST_OFFICER, SAMPLE_FIRST_PROJECTS, type SampleProject } from './sample-first-officer.js';

/**
 * The bureau's sample master list (docs/samples/master-list.xlsx and .csv: 30 projects of the 2026 plan,
 * four officers, 李明's six among them (sample-first-officer.ts, not the officer app's demo)) and the empty template
 * (docs/samples/master-list-template.xlsx). Its plan year and dates follow a clock (sample-calendar.ts):
 * `npx tsx electron/demo/bureau-samples.ts --out DIR` writes today's list; without --out it regenerates
 * docs/samples/ at their fixed clock (DOCS_SAMPLES_CLOCK, the 2026 list the tests import).
 */
export type MasterCells = Partial<Record<MasterColumnKey, string | number>>;

type Spec = SampleProject & { officer: 0 | 1 | 2 | 3 };

const OFFICERS = [
  SAMPLE_FIRST_OFFICER,
  { name: '张伟', unit: '区住房和城乡建设局', phone: '0632-8116021' },
  { name: '王芳', unit: '区自然资源局', phone: '0632-8116132' },
  { name: '赵磊', unit: '区科技创新局', phone: '0632-8116243' },
] as const;

// One project a line, as the master list has them: a table reads better than a formatted object tree.
// The 24 other projects, eight each for 张伟 (1), 王芳 (2) and 赵磊 (3).
// prettier-ignore
const OTHERS: readonly Spec[] = [
  { code: 'GX-2026-007', name: '极电电动新能源汽车零部件项目', company: '山东极电电动科技有限公司', level: 'provincial', industry: '新能源汽车', plan: 80000, total: 320000, stage: 'construction', leader: '孙海涛', unit: '区经济发展局', location: '锂电产业园东区', template: '产业项目', start: '2026-02-28', officer: 3 },
  { code: 'GX-2026-008', name: '好力威储能电池系统集成项目', company: '枣庄好力威新能源有限公司', level: 'municipal', industry: '储能', plan: 36000, total: 90000, stage: 'construction', leader: '王立新', unit: '区科技创新局', location: '复元五路', template: '产业项目', start: '2026-03-20', officer: 3 },
  { code: 'GX-2026-009', name: '零碳智谷先导示范区', company: '枣庄高新区城市建设发展有限公司', level: 'provincial', industry: '绿色低碳', plan: 60000, total: 260000, stage: 'factor_guarantee', leader: '周敏', unit: '区发展和改革局', location: '零碳智谷片区', template: '基础设施项目', start: '2026-05-30', officer: 2 },
  { code: 'GX-2026-010', name: '产业邻里中心项目', company: '枣庄高新区城市建设发展有限公司', level: 'district', industry: '公共服务', plan: 15000, total: 42000, stage: 'construction', leader: '陈静', unit: '区住房和城乡建设局', location: '光明大道与复元三路交叉口', template: '社会事业项目', start: '2026-03-10', officer: 1 },
  { code: 'GX-2026-011', name: '锂电池回收综合利用项目', company: '山东循环新材料科技有限公司', level: 'municipal', industry: '资源循环', plan: 28000, total: 85000, stage: 'preliminary_approval', leader: '吴建国', unit: '区行政审批服务局', location: '化工产业园', template: '产业项目', start: '2026-08-15', officer: 1 },
  { code: 'GX-2026-012', name: '锂电池电解液项目', company: '枣庄新宙邦电解液有限公司', level: 'district', industry: '锂电配套', plan: 16000, total: 48000, stage: 'construction', leader: '刘志刚', unit: '区自然资源局', location: '化工产业园', template: '产业项目', start: '2026-01-20', officer: 2 },
  { code: 'GX-2026-013', name: '高端精密模具制造项目', company: '枣庄精工模具有限公司', level: 'district', industry: '高端装备', plan: 9000, total: 22000, stage: 'statistics_enrolment', leader: '孙海涛', unit: '区经济发展局', location: '机床产业园', template: '产业项目', start: '2025-11-10', officer: 3 },
  { code: 'GX-2026-014', name: '半导体封装测试项目', company: '山东芯联微电子有限公司', level: 'municipal', industry: '电子信息', plan: 42000, total: 150000, stage: 'factor_guarantee', leader: '周敏', unit: '区科技创新局', location: '科创园南区', template: '产业项目', start: '2026-06-01', officer: 3 },
  { code: 'GX-2026-015', name: '生物医药产业园一期', company: '枣庄高新生物医药发展有限公司', level: 'district', industry: '生物医药', plan: 20000, total: 68000, stage: 'construction', leader: '吴建国', unit: '区商务局', location: '生物医药产业园', template: '产业项目', start: '2026-02-15', officer: 2 },
  { code: 'GX-2026-016', name: '智能制造数字化车间改造项目', company: '枣庄瑞丰机械制造有限公司', level: 'district', industry: '智能制造', plan: 6000, total: 12000, stage: 'production_start', leader: '刘志刚', unit: '区科技创新局', location: '机床产业园', template: '产业项目', start: '2025-06-10', officer: 3 },
  { code: 'GX-2026-017', name: '复元三路北延道路工程', company: '枣庄高新区城市建设发展有限公司', level: 'district', industry: '基础设施', plan: 8000, total: 16000, stage: 'construction', leader: '陈静', unit: '区住房和城乡建设局', location: '复元三路', template: '基础设施项目', start: '2026-03-05', officer: 1 },
  { code: 'GX-2026-018', name: '污水处理厂提标改造工程', company: '枣庄高新区水务有限公司', level: 'district', industry: '基础设施', plan: 7000, total: 14500, stage: 'preliminary_approval', leader: '孙海涛', unit: '区住房和城乡建设局', location: '兴仁大道南段', template: '基础设施项目', start: '2026-07-01', officer: 1 },
  { code: 'GX-2026-019', name: '人才公寓建设项目', company: '枣庄高新区城市建设发展有限公司', level: 'district', industry: '公共服务', plan: 11000, total: 30000, stage: 'construction', leader: '王立新', unit: '区自然资源局', location: '光明大道北侧', template: '社会事业项目', start: '2026-02-25', officer: 2 },
  { code: 'GX-2026-020', name: '动力电池铜箔项目', company: '山东嘉元铜箔科技有限公司', level: 'municipal', industry: '锂电配套', plan: 38000, total: 120000, stage: 'construction', leader: '刘志刚', unit: '区经济发展局', location: '锂电产业园西区', template: '产业项目', start: '2026-01-10', officer: 3 },
  { code: 'GX-2026-021', name: '锂电隔膜二期项目', company: '枣庄星源隔膜科技有限公司', level: 'district', industry: '锂电配套', plan: 14000, total: 40000, stage: 'factor_guarantee', leader: '吴建国', unit: '区发展和改革局', location: '锂电产业园', template: '产业项目', start: '2026-05-15', officer: 2 },
  { code: 'GX-2026-022', name: '分布式光伏发电项目', company: '枣庄高新绿能科技有限公司', level: 'district', industry: '绿色低碳', plan: 5000, total: 9800, stage: 'statistics_enrolment', leader: '周敏', unit: '区发展和改革局', location: '各工业厂房屋顶', template: '产业项目', start: '2025-12-20', officer: 2 },
  { code: 'GX-2026-023', name: '冷链物流园项目', company: '枣庄鲁南冷链物流有限公司', level: 'district', industry: '现代物流', plan: 10000, total: 35000, stage: 'construction', leader: '孙海涛', unit: '区商务局', location: '物流园区', template: '产业项目', start: '2026-03-25', officer: 1 },
  { code: 'GX-2026-024', name: '高新区数据中心项目', company: '枣庄云谷数据科技有限公司', level: 'municipal', industry: '数字经济', plan: 25000, total: 80000, stage: 'preliminary_approval', leader: '周敏', unit: '区科技创新局', location: '科创园北区', template: '产业项目', start: '2026-09-01', officer: 3 },
  { code: 'GX-2026-025', name: '锂电正极材料项目', company: '枣庄容百新能源材料有限公司', level: 'provincial', industry: '锂电新能源', plan: 70000, total: 300000, stage: 'construction', leader: '王立新', unit: '区经济发展局', location: '化工产业园北区', template: '产业项目', start: '2026-02-01', officer: 1 },
  { code: 'GX-2026-026', name: '新能源电池检测认证中心', company: '山东国检新能源检测有限公司', level: 'district', industry: '科技服务', plan: 4500, total: 9000, stage: 'production_start', leader: '陈静', unit: '区市场监督管理局', location: '科创园', template: '社会事业项目', start: '2025-07-01', officer: 2 },
  { code: 'GX-2026-027', name: '高新区第二实验小学', company: '枣庄高新区城市建设发展有限公司', level: 'district', industry: '公共服务', plan: 9000, total: 28000, stage: 'factor_guarantee', leader: '吴建国', unit: '区教育和体育局', location: '兴仁大道北侧', template: '社会事业项目', start: '2026-06-10', officer: 1 },
  { code: 'GX-2026-028', name: '电池结构件精密加工项目', company: '枣庄盛达精密结构件有限公司', level: 'district', industry: '锂电配套', plan: 7500, total: 18000, stage: 'construction', leader: '刘志刚', unit: '区行政审批服务局', location: '锂电产业园', template: '产业项目', start: '2026-04-01', officer: 2 },
  { code: 'GX-2026-029', name: '工业互联网平台项目', company: '枣庄智造云科技有限公司', level: 'district', industry: '数字经济', plan: 3000, total: 6000, stage: 'design_output', leader: '周敏', unit: '区科技创新局', location: '科创园', template: '产业项目', start: '2024-11-20', officer: 1 },
  { code: 'GX-2026-030', name: '锂电新能源产业园配套管网工程', company: '枣庄高新区水务有限公司', level: 'district', industry: '基础设施', plan: 6500, total: 13000, stage: 'construction', leader: '孙海涛', unit: '区住房和城乡建设局', location: '锂电产业园', template: '基础设施项目', start: '2026-03-15', officer: 3 },
];

const specs = (): Spec[] => [...SAMPLE_FIRST_PROJECTS.map((p): Spec => ({ ...p, officer: 0 })), ...OTHERS];

/** Milestones backward-scheduled from the start of construction (倒排工期). */
function milestonesOf(spec: Spec): string {
  const social = spec.template === '社会事业项目';
  const infra = spec.template === '基础设施项目';
  const parts = [`开工建设:${spec.start}`, `入库纳统:${addDays(spec.start, 45)}`, `竣工投产:${addDays(spec.start, infra ? 240 : social ? 330 : 300)}`];
  if (!social && !infra) parts.push(`达产达效:${addDays(spec.start, 480)}`);
  return parts.join(';');
}

/** The sample list as drawn up on `clock` (default: now): its plan year and every date follow the clock. */
export function sampleRows(clock: Date = new Date()): MasterCells[] {
  const { year, day } = sampleCalendar(clock);
  return specs().map((spec) => {
    const s = { ...spec, start: day(spec.start) };
    const officer = OFFICERS[s.officer];
    const cells: MasterCells = {
      code: s.code,
      name: s.name,
      company: s.company,
      level: LEVEL_ZH[s.level],
      industry: s.industry,
      planYear: year,
      annualPlannedInvestment: s.plan,
      sponsoringLeader: s.leader,
      sponsoringUnit: s.unit,
      officerName: officer.name,
      officerUnit: officer.unit,
      officerPhone: officer.phone,
      location: s.location,
      totalInvestment: s.total,
      stage: STAGE_ZH[s.stage],
      checklist: s.template,
      milestones: milestonesOf(s),
    };
    // Two rows show the explicit list form of the checklist column.
    if (s.code === 'GX-2026-016')
      cells.checklist = `竣工投产:竣工验收:${day('2026-03-20')};竣工投产:试生产:${day('2026-04-15')};达产达效:达产达效评估:${day('2026-10-31')}`;
    if (s.code === 'GX-2026-022') cells.checklist = `入库纳统:入库纳统:${addDays(s.start, 45)};入库纳统:纳统资料归档:${day('2026-02-27')}`;
    return cells;
  });
}

function sheetFromRows(rows: readonly MasterCells[]): XLSX.WorkSheet {
  const aoa: (string | number | null)[][] = [MASTER_COLUMNS.map((c) => c.header), ...rows.map((r) => MASTER_COLUMNS.map((c) => r[c.key] ?? null))];
  // The same formula-safe text as the ledgers, in the workbook and in the CSV made from this sheet.
  const ws = XLSX.utils.aoa_to_sheet(formulaSafeRows(aoa));
  const widths: Partial<Record<MasterColumnKey, number>> = {
    code: 13,
    name: 30,
    company: 30,
    sponsoringUnit: 18,
    officerUnit: 18,
    location: 20,
    checklist: 14,
    milestones: 70,
    annualPlannedInvestment: 12,
    totalInvestment: 12,
    completedToDate: 12,
    completedThroughMonth: 9,
  };
  ws['!cols'] = MASTER_COLUMNS.map((c) => ({ wch: widths[c.key] ?? 10 }));
  return ws;
}

function instructionsSheet(): XLSX.WorkSheet {
  const aoa: string[][] = [
    ['列名', '是否必填', '说明'],
    ...MASTER_COLUMNS.map((c) => [c.header, c.required ? '必填' : '选填', c.doc]),
    [],
    ['清单模板', '', '按里程碑倒排生成的任务（只生成当前阶段及以后各阶段）'],
    ...CHECKLIST_TEMPLATES.map((t) => [t.name, t.aliases.join('、'), `${t.description}：${t.tasks.map((k) => `${STAGE_ZH[k.stage]}/${k.title}`).join('，')}`]),
  ];
  const ws = XLSX.utils.aoa_to_sheet(formulaSafeRows(aoa));
  ws['!cols'] = [{ wch: 20 }, { wch: 16 }, { wch: 100 }];
  return ws;
}

/**
 * A master list workbook: the list sheet (重点项目清单) and the instructions (填写说明), titled for `year`
 * (default: the rows' plan year, else this year) and dated 20 December of the year before, when such a
 * list is drawn up.
 */
export function masterListWorkbook(rows: readonly MasterCells[], year: number = Number(rows[0]?.planYear) || sampleCalendar(new Date()).year): Buffer {
  const createdAt = new Date(Date.UTC(year - 1, 11, 20));
  const wb = XLSX.utils.book_new();
  wb.Props = { Title: `${year}年重点项目清单`, Author: '区经济发展局重点项目办', CreatedDate: createdAt, ModifiedDate: createdAt };
  XLSX.utils.book_append_sheet(wb, sheetFromRows(rows), MASTER_SHEET_NAME);
  XLSX.utils.book_append_sheet(wb, instructionsSheet(), '填写说明');
  return writeXlsx(wb);
}

/** The same list as CSV: UTF-8 with a BOM, so Excel and WPS on Chinese Windows open it correctly. */
export function masterListCsv(rows: readonly MasterCells[]): Buffer {
  const csv = XLSX.utils.sheet_to_csv(sheetFromRows(rows), { FS: ',', RS: '\r\n', blankrows: false });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${csv}\r\n`, 'utf8')]);
}

export function writeSamples(dir: string, clock: Date = new Date()): string[] {
  mkdirSync(dir, { recursive: true });
  const rows = sampleRows(clock);
  const files = {
    'master-list.xlsx': masterListWorkbook(rows),
    'master-list.csv': masterListCsv(rows),
    'master-list-template.xlsx': masterListWorkbook([], sampleCalendar(clock).year),
  };
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
  return Object.keys(files).map((n) => join(dir, n));
}

// `--out DIR`: this year's list, on demand (the README's round); no option: docs/samples/ at their fixed clock.
// Never inside the desktop bundle (CommonJS: import.meta.url is empty there), which opens the demo district too.
if (process.argv[1] && import.meta.url && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
  const written = values.out
    ? writeSamples(resolve(values.out))
    : writeSamples(resolve(fileURLToPath(new URL('../../docs/samples', import.meta.url))), DOCS_SAMPLES_CLOCK);
  for (const file of written) console.log(`wrote ${file}`);
}
