import type { BureauCompleted, LifeCycleStage, ProjectLevel } from '../domain/index.js';
import { checkCompletedToDate, monthInHeading } from './master-completed.js';
import type { IssueParams, MasterIssueCode, MasterListIssue } from './master-issues.js';
import { headingVisibilityIssues, rowVisibilityIssues } from './master-visibility.js';
import { STAGE_ZH } from '../i18n/vocabulary.js';
import { parseLevel, parseStage } from '../i18n/parse-words.js';
import {
  cellText,
  parseAmount,
  parseChecklist,
  parseMilestones,
  parseYear,
  type Parsed,
  type RawCell,
  type RawSheet,
  type MasterChecklistItem,
  type MasterMilestone,
} from './master-cells.js';

/**
 * The bureau's master list of key projects (重点项目清单): one row per project, Chinese headings, read from
 * .xlsx or .csv. This module is the single definition of its columns (docs/bureau.md and the template are
 * generated from it) and validates rows into `MasterListRow`, reporting every problem by row and column.
 */
/** A column of the list; its key names the field of `MasterListRow` it fills. */
export interface MasterColumn<K extends string = MasterColumnKey> {
  key: K;
  /** The heading as the template writes it. */
  header: string;
  required: boolean;
  /** Other headings accepted for the column (compared without spaces, brackets normalised, case-insensitive). */
  aliases: readonly string[];
  maxLength?: number;
  /** What the column holds, for docs/bureau.md. */
  doc: string;
}

const COLUMNS = [
  {
    key: 'code',
    header: '项目编码',
    required: true,
    aliases: ['编码', '项目编号', 'code'],
    maxLength: 40,
    doc: '项目的唯一编码，如 GX-2026-001。重新导入时按编码识别同一项目；项目ID由编码推导，编码不可更改。',
  },
  { key: 'name', header: '项目名称', required: true, aliases: ['name'], maxLength: 200, doc: '项目全称。' },
  { key: 'company', header: '建设单位', required: false, aliases: ['项目单位', 'company'], maxLength: 200, doc: '项目建设单位（企业）。' },
  {
    key: 'level',
    header: '项目级别',
    required: true,
    aliases: ['级别', 'level'],
    doc: '省级、市级或区级（也接受“省重点”“市重点”“区重点”及 provincial/municipal/district）。',
  },
  { key: 'industry', header: '所属行业', required: false, aliases: ['行业', 'industry'], maxLength: 100, doc: '行业或产业链，如 锂电新能源。' },
  {
    key: 'planYear',
    header: '计划年度',
    required: false,
    aliases: ['年度', 'year'],
    doc: '计划所属年度（2000–2100）。留空或无此列时取 --year 参数，未给出则取当年。',
  },
  {
    key: 'annualPlannedInvestment',
    header: '年度计划投资（万元）',
    required: true,
    aliases: ['年度计划投资', '年度计划投资(万元)', 'plan'],
    doc: '本年度计划完成投资，万元，非负，最多四位小数（可带千分位逗号）。完成率以此为分母。',
  },
  { key: 'sponsoringLeader', header: '帮包领导', required: true, aliases: ['区级帮包领导', 'leader'], maxLength: 100, doc: '帮包的区领导姓名。' },
  { key: 'sponsoringUnit', header: '帮包单位', required: true, aliases: ['帮包责任单位', 'unit'], maxLength: 100, doc: '帮包责任单位。' },
  {
    key: 'officerName',
    header: '帮包责任人',
    required: true,
    aliases: ['责任人', 'officer'],
    maxLength: 100,
    doc: '使用本应用的帮包责任人姓名。按“姓名＋责任人单位”匹配已登记的责任人，没有则新建（分配新的ID）。',
  },
  { key: 'officerUnit', header: '责任人单位', required: false, aliases: ['officer unit'], maxLength: 100, doc: '责任人所在单位；留空时等于帮包单位。' },
  {
    key: 'officerPhone',
    header: '责任人电话',
    required: false,
    aliases: ['联系电话', 'phone'],
    maxLength: 40,
    doc: '责任人联系电话，仅登记新责任人或补充空电话时使用。',
  },
  { key: 'location', header: '所在位置', required: false, aliases: ['建设地点', '位置', 'location'], maxLength: 200, doc: '建设地点。' },
  { key: 'totalInvestment', header: '总投资（万元）', required: false, aliases: ['总投资', '总投资(万元)', 'total'], doc: '项目总投资，万元，非负；可留空。' },
  {
    key: 'completedToDate',
    header: '累计完成投资（万元）',
    required: false,
    aliases: ['1-N月累计完成投资（万元）', '1-N月累计完成投资', '累计完成投资', 'completed'],
    doc: '本年 1 月至“截至月份”累计完成投资，万元，非负，最多四位小数；与截至月份同填或同空。项目分配给责任人后作为“局报数”计入完成投资，直到责任人本人的月度数接替（见 docs/packets.md §3）。',
  },
  {
    key: 'completedThroughMonth',
    header: '截至月份',
    required: false,
    aliases: ['截止月份', '累计截至月份', 'through month'],
    doc: '累计完成投资截至的月份，YYYY-MM（也接受 2026/11、2026年11月）；须在计划年度内，且不晚于本月。',
  },
  {
    key: 'stage',
    header: '当前阶段',
    required: true,
    aliases: ['阶段', 'stage'],
    doc: `${Object.values(STAGE_ZH).join('、')}之一（也接受“建设”“在建”“前期”等常用说法）。`,
  },
  {
    key: 'checklist',
    header: '阶段清单',
    required: false,
    aliases: ['清单', 'checklist'],
    doc: '清单模板名（产业项目、社会事业项目、基础设施项目），按里程碑倒排生成当前阶段及以后各阶段的任务；或用分号分隔的“阶段:任务:完成时限”列表，如 前期审批:施工许可证:2026-03-15;建设实施:主体结构封顶:2026-08-30。留空则无清单任务。',
  },
  {
    key: 'milestones',
    header: '里程碑',
    required: false,
    aliases: ['倒排工期', 'milestones'],
    doc: '用分号分隔的“名称:计划日期”，如 开工建设:2026-03-01;入库纳统:2026-06-30;竣工投产:2026-12-31。开工建设、入库纳统、竣工投产、达产达效为统计口径用的标准名称，其他名称也可使用。',
  },
] as const satisfies readonly MasterColumn<string>[];

/** The columns' keys: the table above is their one list. */
export type MasterColumnKey = (typeof COLUMNS)[number]['key'];
export const MASTER_COLUMNS: readonly MasterColumn[] = COLUMNS;

const COLUMN_BY_KEY = Object.fromEntries(MASTER_COLUMNS.map((c) => [c.key, c])) as Record<MasterColumnKey, MasterColumn>;

function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[*＊]+$/, '')
    .toLowerCase();
}

const HEADER_INDEX = new Map(MASTER_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((name) => [normalizeHeader(name), c.key] as const)));

export function columnForHeader(text: string): MasterColumnKey | null {
  return HEADER_INDEX.get(normalizeHeader(text)) ?? null;
}

export type { MasterChecklistItem, MasterMilestone };

/** The columns of free text, the ones with a maximum length: checked only for presence and length. */
type TextKey = Extract<(typeof COLUMNS)[number], { maxLength: number }>['key'];
const TEXT_KEYS = MASTER_COLUMNS.filter((c) => c.maxLength !== undefined).map((c) => c.key as TextKey);

/** A valid row: the free-text columns as written (officerUnit filled from sponsoringUnit when empty), the others parsed. */
export interface MasterListRow extends Record<TextKey, string> {
  rowNumber: number;
  level: ProjectLevel;
  planYear: number;
  annualPlannedInvestment: number;
  totalInvestment: number | null;
  /** 累计完成投资 with 截至月份, or null when the row gives none. */
  completedToDate: BureauCompleted | null;
  stage: LifeCycleStage;
  /** The template name as written, `list` for an explicit list, '' for none. */
  checklistSource: string;
  checklist: MasterChecklistItem[];
  milestones: MasterMilestone[];
}

export * from './master-issues.js';
export { cellText, type RawCell, type RawSheet } from './master-cells.js';

export interface MasterListValidation {
  rows: MasterListRow[];
  issues: MasterListIssue[];
  /** Headings that are not master-list columns: kept in the file, ignored here. */
  ignoredColumns: string[];
}

/**
 * Validates a whole sheet. Every problem is reported (not only the first), each with the spreadsheet row
 * and the column's Chinese heading; the caller imports nothing unless `issues` is empty.
 */
export function validateMasterList(sheet: RawSheet, options: { defaultYear: number; currentMonth?: string }): MasterListValidation {
  const issues: MasterListIssue[] = [];
  const ignoredColumns: string[] = [];
  const headerRow = sheet.headerRowNumber ?? 1;
  const indexOf = new Map<MasterColumnKey, number>();
  sheet.headers.forEach((cell, index) => {
    const text = cellText(cell);
    if (text === '') return;
    const key = columnForHeader(text);
    if (!key && monthInHeading(normalizeHeader(text))) issues.push({ row: headerRow, column: text, code: 'month_in_heading', params: { value: text } });
    else if (!key) ignoredColumns.push(text);
    else if (indexOf.has(key)) issues.push({ row: headerRow, column: COLUMN_BY_KEY[key].header, code: 'duplicate_column', params: {} });
    else indexOf.set(key, index);
  });
  for (const column of MASTER_COLUMNS) {
    if (column.required && !indexOf.has(column.key)) issues.push({ row: headerRow, column: column.header, code: 'missing_column', params: {} });
  }
  // The list must import what it shows: out of sight or disguised is refused where it stands.
  const used = new Map([...indexOf].map(([key, index]) => [index, COLUMN_BY_KEY[key].header]));
  issues.push(...headingVisibilityIssues(sheet.visibility, headerRow, sheet.headers.map(cellText), used));
  if (issues.length > 0) return { rows: [], issues, ignoredColumns };

  const rows: MasterListRow[] = [];
  const firstRowOfCode = new Map<string, number>();
  for (const raw of sheet.rows) {
    if (raw.cells.every((c) => cellText(c) === '')) continue;
    const rowIssues: MasterListIssue[] = [];
    const cell = (key: MasterColumnKey): RawCell => (indexOf.has(key) ? raw.cells[indexOf.get(key)!] : null);
    const report = (key: MasterColumnKey, code: MasterIssueCode, params: IssueParams = {}) =>
      rowIssues.push({ row: raw.rowNumber, column: COLUMN_BY_KEY[key].header, code, params });
    const text = (key: MasterColumnKey): string => {
      const { required, maxLength } = COLUMN_BY_KEY[key];
      const value = cellText(cell(key));
      if (required && value === '') report(key, 'required');
      else if (maxLength !== undefined && value.length > maxLength) report(key, 'too_long', { max: maxLength });
      return value;
    };
    /** A parser's value, or null with its issue reported on the column. */
    const parsed = <T>(key: MasterColumnKey, result: Parsed<T>): T | null => {
      if (result.ok) return result.value;
      report(key, result.code, result.params);
      return null;
    };
    /** A word from a fixed list (level, stage): empty is `required`'s business, an unknown word is `code`. */
    const word = <T>(key: MasterColumnKey, parse: (text: string) => T | null, code: MasterIssueCode): T | null => {
      const value = text(key);
      const found = value === '' ? null : parse(value);
      if (value !== '' && !found) report(key, code, { value });
      return found;
    };
    /** An amount; a required column must not be empty. */
    const amount = (key: MasterColumnKey): number | null => {
      const result = parseAmount(cell(key));
      if (result.ok && result.value === null && COLUMN_BY_KEY[key].required) report(key, 'required');
      return parsed(key, result);
    };

    const texts = Object.fromEntries(TEXT_KEYS.map((key) => [key, text(key)])) as Record<TextKey, string>;
    const level = word('level', parseLevel, 'unknown_level');
    const stage = word('stage', parseStage, 'unknown_stage');
    const planYear = parsed('planYear', parseYear(cellText(cell('planYear')))) ?? options.defaultYear;
    const plan = amount('annualPlannedInvestment');
    const total = amount('totalInvestment');

    const completed = parseAmount(cell('completedToDate'));
    if (!completed.ok) report('completedToDate', completed.code, completed.params);
    const completedToDate = completed.ok
      ? checkCompletedToDate(completed.value, cellText(cell('completedThroughMonth')), { planYear, currentMonth: options.currentMonth }, report)
      : null;

    const milestones = parsed('milestones', parseMilestones(cellText(cell('milestones'))));
    const checklist = stage && milestones ? parsed('checklist', parseChecklist(cellText(cell('checklist')), stage, milestones)) : null;

    rowIssues.push(...rowVisibilityIssues(sheet.visibility, raw.rowNumber, used));

    const code = texts.code;
    if (code !== '') {
      const first = firstRowOfCode.get(code);
      if (first !== undefined) report('code', 'duplicate_code', { value: code, firstRow: first });
      else firstRowOfCode.set(code, raw.rowNumber);
    }

    if (rowIssues.length > 0 || !level || !stage || plan === null || !milestones || !checklist) {
      issues.push(...rowIssues);
      continue;
    }
    rows.push({
      ...texts,
      rowNumber: raw.rowNumber,
      officerUnit: texts.officerUnit === '' ? texts.sponsoringUnit : texts.officerUnit,
      level,
      stage,
      planYear,
      annualPlannedInvestment: plan,
      totalInvestment: total,
      completedToDate,
      checklistSource: checklist.source,
      checklist: checklist.items,
      milestones,
    });
  }
  if (issues.length === 0 && rows.length === 0) issues.push({ row: 0, column: '', code: 'no_rows', params: {} });
  return { rows, issues, ignoredColumns };
}
