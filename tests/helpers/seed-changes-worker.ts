/**
 * Seeds a store with officer records through the repositories (each with its change-log row), in a worker
 * thread of its own: the repositories prepare statements per call, and the garbage of tens of thousands of
 * them is then finalized in this worker, not later on the test's thread (where a test measures how free that
 * thread is). workerData: { databasePath, projectIds, officerName, count }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../electron/store/database.js';
import { seedOfficerChanges } from './seed-changes.js';

const { databasePath, projectIds, officerName, count } = workerData as { databasePath: string; projectIds: string[]; officerName: string; count: number };
const db = openDatabase(databasePath);
seedOfficerChanges(db, projectIds, officerName, count);
db.close();
parentPort!.postMessage('seeded');
