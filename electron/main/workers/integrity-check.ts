/**
 * The background integrity check's worker thread (jobs/integrity-schedule.ts): runs PRAGMA
 * integrity_check on its own read-only connection and reports the result. Bundled like long-work.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runIntegrityCheck, type IntegrityInput } from '../../store/integrity-check.js';
import { serveLongWork } from '../long-work.js';

if (!parentPort) throw new Error('integrity-check.ts runs as a worker thread only');
void serveLongWork(parentPort, () => runIntegrityCheck(workerData as IntegrityInput));
