import { fill } from '../i18n/catalogue.js';
import { STAGE_ZH } from '../i18n/vocabulary.js';

/**
 * What can be wrong with a master list, the rows' problems (by row and column) and the file's own, in both
 * languages: one catalogue, so the CLI, the desk and the tests say the same thing.
 */

type Text = { zh: string; en: string };

/** Every code with its sentence in both languages; the codes are this table's keys. */
export const MASTER_ISSUE_TEXT = {
  missing_column: { zh: '缺少必填列「{column}」', en: 'required column "{column}" is missing' },
  duplicate_column: { zh: '列「{column}」出现了两次', en: 'column "{column}" appears twice' },
  no_rows: { zh: '清单中没有任何项目', en: 'the list has no project rows' },
  required: { zh: '必填，不能为空', en: 'is required' },
  too_long: { zh: '超过 {max} 个字', en: 'is longer than {max} characters' },
  not_a_number: { zh: '「{value}」不是数字', en: '"{value}" is not a number' },
  negative: { zh: '「{value}」为负数，金额不能为负', en: '"{value}" is negative; amounts cannot be negative' },
  too_many_decimals: { zh: '「{value}」超过四位小数（万元精确到元）', en: '"{value}" has more than four decimals' },
  too_large: { zh: '「{value}」超出合理范围', en: '"{value}" is out of range' },
  bad_year: { zh: '「{value}」不是 2000–2100 之间的年份', en: '"{value}" is not a year between 2000 and 2100' },
  unknown_level: { zh: '「{value}」不是省级、市级或区级', en: '"{value}" is not a level (省级, 市级 or 区级)' },
  unknown_stage: {
    zh: `「{value}」不是已知阶段（${Object.values(STAGE_ZH).join('、')}）`,
    en: `"{value}" is not a known stage (${Object.values(STAGE_ZH).join(', ')})`,
  },
  bad_date: { zh: '「{item}」中的日期「{value}」不是有效日期（应为 YYYY-MM-DD）', en: 'in "{item}" the date "{value}" is not a valid date (YYYY-MM-DD)' },
  bad_milestone: { zh: '「{item}」格式不对，应为“名称:YYYY-MM-DD”', en: '"{item}" should be "title:YYYY-MM-DD"' },
  duplicate_milestone: { zh: '里程碑「{title}」重复', en: 'milestone "{title}" appears twice' },
  unknown_template: {
    zh: '「{value}」不是已知清单模板（{known}），也不是“阶段:任务:日期”列表',
    en: '"{value}" is neither a known template ({known}) nor a "stage:task:date" list',
  },
  bad_checklist_item: { zh: '「{item}」格式不对，应为“阶段:任务:YYYY-MM-DD”', en: '"{item}" should be "stage:task:YYYY-MM-DD"' },
  duplicate_checklist_item: { zh: '清单任务「{title}」在同一阶段重复', en: 'task "{title}" appears twice in one stage' },
  template_needs_milestone: {
    zh: '模板「{template}」的任务「{task}」按里程碑「{milestone}」倒排，但里程碑列中没有它',
    en: 'template "{template}" schedules "{task}" from milestone "{milestone}", which the milestones column lacks',
  },
  duplicate_code: { zh: '项目编码「{value}」与第 {firstRow} 行重复', en: 'project code "{value}" repeats row {firstRow}' },
  // Investment completed to date and its month (master-completed.ts).
  bad_month: { zh: '「{value}」不是月份（应为 YYYY-MM，如 2026-11）', en: '"{value}" is not a month (YYYY-MM, e.g. 2026-11)' },
  month_outside_plan_year: { zh: '「{value}」不在计划年度 {year} 年内', en: '"{value}" is not in the plan year {year}' },
  month_in_future: {
    zh: '「{value}」还未到（本月为 {current}），累计完成投资只能截至已到的月份',
    en: '"{value}" has not come yet (this month is {current}); completed investment can only run to a month that has come',
  },
  month_required: { zh: '填写了累计完成投资，必须同时填写截至月份（YYYY-MM）', en: 'completed investment is given, so its month (YYYY-MM) is required' },
  amount_required: {
    zh: '填写了截至月份「{month}」，必须同时填写累计完成投资（万元）',
    en: 'the month "{month}" is given, so the completed investment (万元) is required',
  },
  month_in_heading: {
    zh: '表头「{value}」把月份写在了表头里：请把表头改为「累计完成投资（万元）」，并在「截至月份」列填写月份（如 2026-11）',
    en: 'the heading "{value}" carries the month: name it "累计完成投资（万元）" and put the month (e.g. 2026-11) in the column "截至月份"',
  },
  // A list must import what it shows (docs/bureau.md, "What the list shows is what is imported").
  hidden_sheet: {
    zh: '项目工作表「{sheet}」是隐藏的：清单导入的内容必须能看到。请在表格软件中取消隐藏该工作表后重新保存',
    en: 'the project sheet "{sheet}" is hidden: a list must show what it imports. Unhide the sheet in the spreadsheet program and save again',
  },
  very_hidden_sheet: {
    zh: '项目工作表「{sheet}」被设为“深度隐藏”（在表格软件中无法直接取消隐藏）：清单导入的内容必须能看到，未导入',
    en: 'the project sheet "{sheet}" is very hidden (the spreadsheet program cannot even unhide it from its menu): a list must show what it imports',
  },
  shown_differs: {
    zh: '单元格显示为「{shown}」，实际值却是「{value}」（单元格格式「{format}」）：导入的必须是看到的内容。请把该单元格改为“常规”格式后核对并重新保存',
    en: 'the cell shows "{shown}" but holds "{value}" (cell format "{format}"): a list must import what it shows. Set the cell to the General format, check it and save again',
  },
  format_unreadable: {
    zh: '单元格格式「{format}」无法解读，不能确认单元格显示的内容（实际值为「{value}」）。请把该单元格改为“常规”格式后重新保存',
    en: 'the cell format "{format}" cannot be read, so what the cell shows cannot be checked (it holds "{value}"). Set the cell to the General format and save again',
  },
  hidden_row: {
    zh: '此行被隐藏：清单导入的内容必须能看到。请取消隐藏（或删除）该行后重新保存',
    en: 'the row is hidden: a list must show what it imports. Unhide the row (or delete it) and save again',
  },
  hidden_column: {
    zh: '该列被隐藏：清单导入的内容必须能看到。请取消隐藏该列后重新保存',
    en: 'the column is hidden: a list must show what it imports. Unhide the column and save again',
  },
  bad_encoding: {
    zh: '文件按 {encoding} 编码读取，但此行含有不符合该编码的字节（不会当作“�”导入）。请在表格软件中另存为“CSV UTF-8”',
    en: 'the file is read as {encoding}, but this row holds bytes that are not valid {encoding} (they are not imported as "�"). Save it again as "CSV UTF-8"',
  },
  // The file itself.
  file_damaged: { zh: '{file} 已损坏（{why}），请在表格软件中重新保存清单', en: '{file} is damaged ({why}); save the list again from the spreadsheet program' },
  file_too_large: {
    zh: '{file} 解压后超过 {mb} MB，不是项目清单（或已损坏）',
    en: '{file} unpacks to more than {mb} MB; it is not a master list (or it is damaged)',
  },
  // The detail is the reader's own English words: kept out of the Chinese sentence.
  file_unreadable: { zh: '{file} 无法作为表格读取（已损坏，或不是 Excel、CSV 文件）', en: '{file} cannot be read as a spreadsheet: {detail}' },
} as const satisfies Record<string, Text>;

export type MasterIssueCode = keyof typeof MASTER_ISSUE_TEXT;
export type IssueParams = Record<string, string | number>;

export interface MasterListIssue {
  /** Spreadsheet row number: the heading row is 1, the first project row 2; 0 for the file as a whole. */
  row: number;
  /** The column's Chinese heading ('' when the problem is the row's or the file's). */
  column: string;
  code: MasterIssueCode;
  params: IssueParams;
}

/** Why a workbook's zip is refused (`file_damaged`, param `why`); {part} and {other} are entry names. */
const DAMAGE_TEXT: Record<string, Text> = {
  cut_short: { zh: '找不到压缩目录，文件不完整', en: 'no zip directory: the file is cut short' },
  broken_directory: { zh: '压缩目录损坏', en: 'a broken zip directory' },
  too_many_parts: { zh: '含有 {count} 个部件，工作簿最多 {max} 个', en: 'it lists {count} parts; a workbook has at most {max}' },
  part_missing: { zh: '目录列出的部件「{part}」不存在', en: 'the part "{part}" the directory lists is missing' },
  part_past_end: { zh: '部件「{part}」超出文件末尾', en: 'the part "{part}" runs past the end of the file' },
  overlap: {
    zh: '部件「{part}」与「{other}」占用同一段数据（重叠的条目，压缩炸弹的手法）',
    en: 'the parts "{part}" and "{other}" share the same bytes (overlapping entries, a zip bomb\'s trick)',
  },
  padded: {
    zh: '部件「{part}」只有 {size} 字节内容，却占用 {compressed} 字节压缩数据（填充了空块）',
    en: 'the part "{part}" holds {size} bytes in {compressed} bytes of compressed data (padded with empty blocks)',
  },
  method: { zh: '部件「{part}」使用了不支持的压缩方式 {method}', en: 'the part "{part}" uses compression method {method}' },
  does_not_unpack: { zh: '部件「{part}」无法解压', en: 'the part "{part}" does not unpack' },
  size_mismatch: { zh: '部件「{part}」声明 {declared} 字节，实际 {size} 字节', en: 'the part "{part}" declares {declared} bytes but holds {size}' },
  checksum: { zh: '部件「{part}」的校验和（CRC-32）不符', en: 'the part "{part}" fails its checksum' },
};

/** One issue as a sentence: "第 3 行「项目级别」：…" / "row 3, 项目级别: …". */
export function formatMasterIssue(issue: MasterListIssue, language: 'zh' | 'en'): string {
  const params: IssueParams = { ...issue.params, column: issue.column };
  if (issue.code === 'file_damaged') {
    const why = DAMAGE_TEXT[String(issue.params.why)];
    params.why = why ? fill(why[language], issue.params, 'drop') : String(issue.params.why ?? '');
  }
  const text = fill(MASTER_ISSUE_TEXT[issue.code][language], params, 'drop');
  if (issue.row === 0) return text;
  if (issue.code === 'missing_column' || issue.code === 'duplicate_column' || issue.code === 'month_in_heading') {
    return language === 'zh' ? `表头（第 ${issue.row} 行）：${text}` : `heading row ${issue.row}: ${text}`;
  }
  if (issue.column === '') return language === 'zh' ? `第 ${issue.row} 行：${text}` : `row ${issue.row}: ${text}`;
  return language === 'zh' ? `第 ${issue.row} 行「${issue.column}」：${text}` : `row ${issue.row}, column ${issue.column}: ${text}`;
}
