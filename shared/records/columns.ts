import { entryOf, SENDER_COLUMNS, type Desk, type RecordKind } from './catalogue.js';

/** A field of a stored row and its column. */
export interface Column {
  key: string;
  column: string;
}

interface Layout {
  /** The record's fields each desk keeps, in the schema's order; a split field's parts in its place. */
  record: Record<Desk, Column[]>;
  /** The same, then the desk's state fields. */
  row: Record<Desk, Column[]>;
  /** Fields the record leaves out when their column is NULL (their schema is optional). */
  optional: string[];
  /** Row fields a parameter object must name, null when the record has none. */
  params: string[];
  /** Fields compared for "same record, same content": the schema's fields both desks keep. */
  content: string[];
}

/** `projectId` → `project_id`. */
export const columnOf = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const col = (key: string): Column => ({ key, column: columnOf(key) });

const layouts = new Map<RecordKind, Layout>();

export function layoutOf(kind: RecordKind): Layout {
  let layout = layouts.get(kind);
  if (layout) return layout;
  const entry = entryOf(kind);
  const shape = entry.schema.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  const fields = Object.keys(shape);
  const officerOnly = new Set(entry.officerOnly ?? []);
  const stored = (f: string) => (f === entry.split?.field ? Object.values(entry.split.parts) : [f]);
  const recordOf = (desk: Desk) =>
    fields
      .filter((f) => desk === 'officer' || !officerOnly.has(f))
      .flatMap(stored)
      .map(col);
  const record = { officer: recordOf('officer'), bureau: recordOf('bureau') };
  const rowOf = (desk: Desk) => [...record[desk], ...(entry.state?.[desk] ?? []).map(col)];
  const row = { officer: rowOf('officer'), bureau: rowOf('bureau') };
  layout = {
    record,
    row,
    optional: fields.filter((f) => f !== entry.split?.field && shape[f]!.safeParse(undefined).success),
    params: [...new Set([...row.officer, ...row.bureau].map((c) => c.key))],
    content: fields.filter((f) => !officerOnly.has(f)),
  };
  layouts.set(kind, layout);
  return layout;
}

/** Every column of the kind's table on a desk, as its migrations create it (checked by tests/unit/record-catalogue.test.ts). */
export function tableColumns(kind: RecordKind, desk: Desk): string[] {
  const entry = entryOf(kind);
  const sender = desk === 'bureau' && entry.fold !== undefined ? SENDER_COLUMNS : [];
  return [...layoutOf(kind).row[desk].map((c) => c.column), ...(entry.bookkeeping?.[desk] ?? []), ...sender];
}

/** The row without one field (a new object: deleting a property would slow every later read of the row). */
function without(row: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = row;
  return rest;
}

/** A stored row as the record: an optional field NULL in its column is left out, a split field put together (null when a part is NULL). */
export function fromRow<T>(kind: RecordKind, row: Record<string, unknown>): T {
  let record = row;
  for (const key of layoutOf(kind).optional) if (record[key] === null) record = without(record, key);
  const split = entryOf(kind).split;
  if (split && Object.values(split.parts).every((key) => key in record)) {
    const parts = Object.entries(split.parts);
    const whole = parts.some(([, key]) => record[key] === null) ? null : Object.fromEntries(parts.map(([part, key]) => [part, record[key]]));
    for (const [, key] of parts) record = without(record, key);
    record[split.field] = whole;
  }
  return record as T;
}

/** A record as the named parameters of its statements: every row field named (NULL when absent), a split field in its parts. */
export function toParams(kind: RecordKind, record: object): Record<string, unknown> {
  const params: Record<string, unknown> = { ...record };
  const split = entryOf(kind).split;
  if (split) {
    const whole = params[split.field] as Record<string, unknown> | null | undefined;
    delete params[split.field];
    for (const [part, key] of Object.entries(split.parts)) params[key] = whole?.[part] ?? null;
  }
  for (const key of layoutOf(kind).params) params[key] ??= null;
  return params;
}
