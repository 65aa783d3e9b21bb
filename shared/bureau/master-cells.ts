import { LIFE_CYCLE_STAGES, IsoDate, type LifeCycleStage, type MilestoneKind } from '../domain/index.js';
import { addDays } from '../rules/schedule.js';
import { MILESTONE_KIND_ZH } from '../i18n/vocabulary.js';
import { milestoneKindOf, parseStage } from '../i18n/parse-words.js';
import type { IssueParams, MasterIssueCode } from './master-issues.js';
import type { SheetVisibility } from './master-visibility.js';
import { CHECKLIST_TEMPLATES, findTemplate } from './templates.js';

/**
 * The master list's cells read into values (text, days, amounts in 万元, the milestones and checklist columns):
 * each parser answers a value or an issue code with its params, which master-list.ts reports by row and column.
 */

export type MasterMilestone = { kind: MilestoneKind; title: string; plannedOn: string };
export type MasterChecklistItem = { stage: LifeCycleStage; title: string; dueOn: string };
/** A cell as the spreadsheet reader gives it. */
export type RawCell = string | number | boolean | Date | null | undefined;

export interface RawSheet {
  /** The spreadsheet row the headings are on (1 unless a title row sits above them). */
  headerRowNumber?: number;
  headers: readonly RawCell[];
  rows: readonly { rowNumber: number; cells: readonly RawCell[] }[];
  /** What a workbook hides or disguises (none for a CSV). */
  visibility?: SheetVisibility;
}

export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return '';
    // The spreadsheet's own calendar day: the reader (SheetJS, cellDates) gives a date cell as that day's UTC
    // midnight, so the UTC fields are the day; the process's zone would move it (the day before west of UTC).
    const y = cell.getUTCFullYear();
    const m = String(cell.getUTCMonth() + 1).padStart(2, '0');
    const d = String(cell.getUTCDate()).padStart(2, '0');
    return `${y}-${m}-${d}`;
  }
  return String(cell)
    .replace(/\u3000/g, ' ')
    .trim();
}

/** `2026-03-01`, `2026/3/1`, `2026.3.1` and `2026年3月1日` are the same day; null when it is none of them or does not exist. */
export function normalizeDate(text: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return IsoDate.safeParse(iso).success ? iso : null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: MasterIssueCode; params: IssueParams };
const fail = (code: MasterIssueCode, params: IssueParams = {}): Parsed<never> => ({ ok: false, code, params });

export function parseAmount(cell: RawCell): Parsed<number | null> {
  let value: number;
  const shown = cellText(cell);
  if (typeof cell === 'number') value = cell;
  else {
    if (shown === '') return { ok: true, value: null };
    const plain = shown.replace(/[,，\s]/g, '');
    if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return fail('not_a_number', { value: shown });
    value = Number(plain);
  }
  if (!Number.isFinite(value)) return fail('not_a_number', { value: shown });
  if (value < 0) return fail('negative', { value: shown });
  if (value > 1e9) return fail('too_large', { value: shown });
  if (Math.abs(Math.round(value * 1e4) - value * 1e4) > 1e-6) return fail('too_many_decimals', { value: shown });
  return { ok: true, value: Math.round(value * 1e4) / 1e4 };
}

/** A plan year, `2026` or `2026年`; null when the cell is empty (the caller's default year). */
export function parseYear(text: string): Parsed<number | null> {
  if (text === '') return { ok: true, value: null };
  const year = Number(text.replace(/年$/, ''));
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? { ok: true, value: year } : fail('bad_year', { value: text });
}

function splitList(text: string): string[] {
  return text
    .split(/[;；\n\r]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function splitPair(item: string): string[] {
  return item.split(/[:：]/).map((s) => s.trim());
}

export function parseMilestones(text: string): Parsed<MasterMilestone[]> {
  const result: MasterMilestone[] = [];
  for (const item of splitList(text)) {
    const parts = splitPair(item);
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return fail('bad_milestone', { item });
    const [title, dateText] = parts as [string, string];
    if (title.length > 200) return fail('bad_milestone', { item });
    const plannedOn = normalizeDate(dateText);
    if (!plannedOn) return fail('bad_date', { item, value: dateText });
    const kind = milestoneKindOf(title);
    const canonical = kind === 'other' ? title : MILESTONE_KIND_ZH[kind];
    if (result.some((m) => m.title === canonical || (kind !== 'other' && m.kind === kind))) return fail('duplicate_milestone', { title: canonical });
    result.push({ kind, title: canonical, plannedOn });
  }
  return { ok: true, value: result };
}

export function parseChecklist(
  text: string,
  stage: LifeCycleStage,
  milestones: readonly MasterMilestone[],
): Parsed<{ source: string; items: MasterChecklistItem[] }> {
  if (text === '') return { ok: true, value: { source: '', items: [] } };
  const items: MasterChecklistItem[] = [];
  if (!/[:：]/.test(text)) {
    const template = findTemplate(text);
    if (!template) return fail('unknown_template', { value: text, known: CHECKLIST_TEMPLATES.map((t) => t.name).join('、') });
    const from = LIFE_CYCLE_STAGES.indexOf(stage);
    // A template names each task of a stage once, so its items need no check for repeats.
    for (const task of template.tasks) {
      if (LIFE_CYCLE_STAGES.indexOf(task.stage) < from) continue;
      const anchor = milestones.find((m) => m.kind === task.anchor);
      if (!anchor) return fail('template_needs_milestone', { template: template.name, task: task.title, milestone: MILESTONE_KIND_ZH[task.anchor] });
      items.push({ stage: task.stage, title: task.title, dueOn: addDays(anchor.plannedOn, task.offsetDays) });
    }
    return { ok: true, value: { source: template.name, items } };
  }
  for (const item of splitList(text)) {
    const parts = splitPair(item);
    if (parts.length !== 3 || parts.some((p) => p === '')) return fail('bad_checklist_item', { item });
    const [stageText, title, dateText] = parts as [string, string, string];
    const itemStage = parseStage(stageText);
    if (!itemStage) return fail('unknown_stage', { value: stageText });
    if (title.length > 200) return fail('bad_checklist_item', { item });
    const dueOn = normalizeDate(dateText);
    if (!dueOn) return fail('bad_date', { item, value: dateText });
    if (items.some((i) => i.stage === itemStage && i.title === title)) return fail('duplicate_checklist_item', { title });
    items.push({ stage: itemStage, title, dueOn });
  }
  return { ok: true, value: { source: 'list', items } };
}
