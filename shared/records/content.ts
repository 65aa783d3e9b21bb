import { entryOf, type RecordKind } from './catalogue.js';
import { layoutOf } from './columns.js';

/**
 * "Same record, same content": two versions of a record (same id) are the same when their content is
 * equal: the fields of its schema that both desks keep, in the schema's order, an absent field as null.
 * The bureau's fold, the assignment merge and their conflict rows all compare and keep this form.
 */

/** The content as an object (what a conflict row keeps of each version). */
export function contentObject(kind: RecordKind, record: object): Record<string, unknown> {
  return pickFields(layoutOf(kind).content, record as Record<string, unknown>);
}

const writers = new Map<RecordKind, (record: Record<string, unknown>) => string>();

/**
 * The content as JSON (`JSON.stringify(contentObject(…))`, written field by field: ingest and the checks compare
 * thousands of records): equal strings, same record.
 */
export function contentOf(kind: RecordKind, record: object): string {
  let write = writers.get(kind);
  if (!write) {
    const fields = layoutOf(kind).content;
    const heads = fields.map((f, i) => `${i === 0 ? '{' : ','}${JSON.stringify(f)}:`);
    write = (r) => {
      let json = '';
      for (let i = 0; i < fields.length; i++) json += heads[i]! + JSON.stringify(r[fields[i]!] ?? null);
      return fields.length === 0 ? '{}' : `${json}}`;
    };
    writers.set(kind, write);
  }
  return write(record as Record<string, unknown>);
}

/** The content of a record not yet validated: parsed by its schema first (trimmed text, unknown fields dropped). */
export function parsedContentOf(kind: RecordKind, record: unknown): string {
  return contentOf(kind, entryOf(kind).schema.parse(record));
}

/** Whether two versions of a record have the same content. */
export function sameContent(kind: RecordKind, a: object, b: object): boolean {
  return contentOf(kind, a) === contentOf(kind, b);
}

/** The content fields whose values differ between two versions (an object field compared as a whole), in the schema's order. */
export function changedFields(kind: RecordKind, held: object, incoming: object, ignore: readonly string[] = []): string[] {
  const [a, b] = [held as Record<string, unknown>, incoming as Record<string, unknown>];
  return layoutOf(kind).content.filter((f) => !ignore.includes(f) && JSON.stringify(a[f] ?? null) !== JSON.stringify(b[f] ?? null));
}

/** The named fields of a record, an absent one as null. */
export function pickFields(fields: readonly string[], record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, record[f] ?? null]));
}
