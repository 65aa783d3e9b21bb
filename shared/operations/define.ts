import type { z } from 'zod';

/** One entry of the table: what a caller sends and what it gets back, both checked by zod. */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export type OperationTable = Record<string, OperationSpec>;

export function defineOperations<const T extends OperationTable>(table: T): T {
  return table;
}

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
