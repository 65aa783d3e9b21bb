import { columnOf } from '@shared/records/index.js';

/**
 * SQL for the desks' bookkeeping tables (assignments applied, packets exported or received, conflicts,
 * officers), which are not records of the catalogue (shared/records). Fields are named in one string,
 * space-separated, each stored in its snake_case column (`packetId` in packet_id).
 */
const fieldsOf = (fields: string) => fields.trim().split(/\s+/);

export const columnsAs = (fields: string): string =>
  fieldsOf(fields)
    .map((f) => (columnOf(f) === f ? f : `${columnOf(f)} AS ${f}`))
    .join(', ');

export function insertNamed(table: string, fields: string): string {
  const list = fieldsOf(fields);
  return `INSERT INTO ${table} (${list.map(columnOf).join(', ')}) VALUES (${list.map((f) => `@${f}`).join(', ')})`;
}

/** Rows with their JSON text columns parsed. */
export function parsedJson<T>(rows: readonly unknown[], jsonFields: string): T[] {
  const json = fieldsOf(jsonFields);
  return rows.map((r) => ({ ...(r as object), ...Object.fromEntries(json.map((f) => [f, JSON.parse((r as Record<string, string>)[f]!) as unknown])) }) as T);
}
