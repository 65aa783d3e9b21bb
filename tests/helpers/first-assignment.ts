import { applyAssignment } from '../../electron/sync/assignment-import.js';
import { makeBureau, trustBureau, writeAssignment, type AssignmentShape, type TestBureau } from '../integration/sync-fixtures.js';
import type { TempStore } from './temp-store.js';

/**
 * The officer's store as after the first assignment: the bureau's key pinned and assignment 1 (`shape`)
 * applied. Returns the bureau, made beside the store unless given.
 */
export async function applyFirstAssignment(store: TempStore, shape: AssignmentShape, bureau: TestBureau = makeBureau(store.dir.path)): Promise<TestBureau> {
  trustBureau(store.db, bureau);
  await applyAssignment(store.ctx, await writeAssignment(store.dir.path, bureau, shape, 1));
  return bureau;
}
