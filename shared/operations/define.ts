import { z } from 'zod';

/** A project's records: what the project views (home list, project page, ledger, this week) are made of. */
export const PROJECT_RECORDS = ['project', 'milestone', 'checklist', 'visit', 'problem', 'investment'] as const;

/**
 * The kinds of data a write can change and a view can read. A write names the topics it changed; the renderer
 * refreshes exactly the views that read one of them (docs/architecture.md, "How views refresh").
 */
export const TOPICS = [...PROJECT_RECORDS, 'officer', 'timeZone', 'language', 'exchange', 'backup', 'protection'] as const;
export type Topic = (typeof TOPICS)[number];

/** One entry of the table: what a caller sends and what it gets back, both checked by zod. */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** A write's entry names what it changes (`[]`: nothing a view shows); a read has none. */
  changes?: readonly Topic[];
  /**
   * A list read from a read model whose own test checks every row against its schema: at most this many of
   * its rows are checked per call (electron/handlers/output-check.ts), instead of all of them.
   */
  outputSample?: number;
}

export type OperationTable = Record<string, OperationSpec>;

export function defineOperations<const T extends OperationTable>(table: T): T {
  return table;
}

/** Fields of one type under these names: whole numbers (counts, sequences), or texts (ids, names, paths, times). */
export const fields =
  <T extends z.ZodType>(type: T) =>
  <K extends string>(...names: K[]) =>
    Object.fromEntries(names.map((name) => [name, type])) as Record<K, T>;
export const counts = fields(z.number().int());
export const texts = fields(z.string());

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Combines per-domain tables into the one table, refusing a name defined twice. */
export function combineOperationTables<const T extends OperationTable[]>(...tables: T): UnionToIntersection<T[number]> {
  const combined: OperationTable = {};
  for (const table of tables) {
    for (const [name, spec] of Object.entries(table)) {
      if (Object.hasOwn(combined, name)) throw new Error(`operation "${name}" is defined twice`);
      combined[name] = spec;
    }
  }
  return combined as UnionToIntersection<T[number]>;
}
