import { entryOf, RECORDS, SENDER_COLUMNS, type Desk, type RecordKind } from './catalogue.js';
import { columnOf, layoutOf, type Column } from './columns.js';

/**
 * The statements of a kind of record, written from the catalogue. Named parameters are the record's
 * fields (toParams), so a record without conversions is bound as it is. Each text is built once: the
 * connections keep compiled statements by their text.
 */

export interface ColumnOptions {
  /** With the desk's state fields (a milestone's withdrawnAt, the bureau's master-list row). */
  state?: boolean;
}

const memo = new Map<string, string>();
const once = (key: string, build: () => string): string => {
  let sql = memo.get(key);
  if (sql === undefined) memo.set(key, (sql = build()));
  return sql;
};

const columns = (kind: RecordKind, desk: Desk, options: ColumnOptions): Column[] => layoutOf(kind)[options.state ? 'row' : 'record'][desk];

/** `"project_id" AS "projectId", …` for a SELECT; `alias` qualifies the columns in a join. */
export function selectList(kind: RecordKind, desk: Desk, options: ColumnOptions & { alias?: string } = {}): string {
  return once(`select:${kind}:${desk}:${options.state}:${options.alias}`, () => {
    const prefix = options.alias ? `${options.alias}.` : '';
    return columns(kind, desk, options)
      .map((c) => `${prefix}"${c.column}" AS "${c.key}"`)
      .join(', ');
  });
}

/** `SELECT <the record's columns> FROM <table> <rest>`. */
export function selectSql(kind: RecordKind, desk: Desk, rest = '', options: ColumnOptions = {}): string {
  return once(`from:${kind}:${desk}:${options.state}:${rest}`, () => `SELECT ${selectList(kind, desk, options)} FROM ${entryOf(kind).table} ${rest}`.trim());
}

/** The INSERT of a record; `sender`: with the bureau's officer_id and packet_id (parameters `__officerId`, `__packetId`). */
export function insertSql(kind: RecordKind, desk: Desk, options: ColumnOptions & { sender?: boolean } = {}): string {
  return once(`insert:${kind}:${desk}:${options.state}:${options.sender}`, () => {
    const cols = columns(kind, desk, options);
    const names = cols.map((c) => `"${c.column}"`);
    const values = cols.map((c) => `@${c.key}`);
    if (options.sender) {
      names.push(...SENDER_COLUMNS);
      values.push('@__officerId', '@__packetId');
    }
    return `INSERT INTO ${entryOf(kind).table} (${names.join(', ')}) VALUES (${values.join(', ')})`;
  });
}

/**
 * The INSERT that overwrites a held record of the same id. Its id, its parents and its origin never change:
 * a record does not move to another project, nor to the other side. `where` limits which rows are overwritten.
 */
export function upsertSql(kind: RecordKind, desk: Desk, options: ColumnOptions & { where?: string } = {}): string {
  return once(`upsert:${kind}:${desk}:${options.state}:${options.where}`, () => {
    const fixed = new Set(['id', 'origin', ...entryOf(kind).parents.map((p) => columnOf(p.field))]);
    const set = columns(kind, desk, options)
      .filter((c) => !fixed.has(c.column))
      .map((c) => `"${c.column}" = excluded."${c.column}"`);
    const where = options.where ? ` WHERE ${options.where}` : '';
    return `${insertSql(kind, desk, options)} ON CONFLICT (id) DO UPDATE SET ${set.join(', ')}${where}`;
  });
}

/** The joins from a record of `kind` (t0) up its parents to the one that names the project (tN), and N. */
function upToProject(kind: RecordKind): { from: string; n: number } {
  let from = `${entryOf(kind).table} t0`;
  let at = kind;
  let n = 0;
  while (!('projectId' in entryOf(at).schema.shape)) {
    const parent = entryOf(at).parents[0];
    if (!parent || !('kind' in parent)) throw new Error(`${at}: no single parent leads to a project`);
    n += 1;
    from += ` JOIN ${RECORDS[parent.kind as RecordKind].table} t${n} ON t${n}.id = t${n - 1}.${columnOf(parent.field)}`;
    at = parent.kind as RecordKind;
  }
  return { from, n };
}

/**
 * The SELECT of the project a record of `kind` is about (`?`: its id), following its parents up to the one
 * that names the project: a checklist event's through its item.
 */
export function projectOfSql(kind: RecordKind): string {
  return once(`project-of:${kind}`, () => {
    const { from, n } = upToProject(kind);
    return `SELECT t${n}.project_id AS p FROM ${from} WHERE t0.id = ?`;
  });
}

/** The same for many records at once (`?`: their ids as a JSON array): each found one's `id` and project `p`. */
export function projectsOfSql(kind: RecordKind): string {
  return once(`projects-of:${kind}`, () => {
    const { from, n } = upToProject(kind);
    return `SELECT t0.id AS id, t${n}.project_id AS p FROM ${from} WHERE t0.id IN (SELECT value FROM json_each(?))`;
  });
}

/** `WHERE <conditions> AND <column> = ?…` for the filters given (an empty or absent one left out), with their parameters. */
export function whereEqual(filters: Record<string, string | undefined>, conditions: readonly string[] = []): { clause: string; params: string[] } {
  const given = Object.entries(filters).filter((f): f is [string, string] => !!f[1]);
  const parts = [...conditions, ...given.map(([column]) => `${column} = ?`)];
  return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params: given.map(([, value]) => value) };
}
