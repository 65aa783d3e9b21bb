import { operations, type OperationName } from '@shared/operations';
import type { OperationSpec, Topic } from '@shared/operations/define';

/**
 * What each write changes, by operation name (a read has no entry): all the typed client needs of the table.
 * The built renderer holds this map as plain data, worked out from the same table by this same module at build
 * time (renderer/vite.config.ts): importing the table would load every operation's zod schemas before the first
 * screen, and the renderer validates nothing with them (issue 11). Tests and the type check use this code as is.
 */
export const operationChanges: Partial<Record<OperationName, readonly Topic[]>> = Object.fromEntries(
  Object.entries(operations as Record<string, OperationSpec>).flatMap(([name, spec]) => (spec.changes ? [[name, spec.changes]] : [])),
);
