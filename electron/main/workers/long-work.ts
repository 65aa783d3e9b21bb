/**
 * The long-work worker thread (see ../long-work.ts): runs the one job named in workerData on its own
 * connection to the store and reports progress and the result or error to the thread that started it.
 * Bundled by build/build-electron.mjs to dist/electron/workers/long-work.cjs; run from source through tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runLongJob, type LongJobData } from '../../jobs/long-jobs.js';
import { isBureauJob, runBureauJob } from '../../bureau/long-jobs.js';
import { serveLongWork } from '../long-work.js';

if (!parentPort) throw new Error('long-work.ts runs as a worker thread only');
// One entry for both desks: a bureau job says so in its data (electron/bureau/long-jobs.ts).
const data = workerData as LongJobData | Parameters<typeof runBureauJob>[0];
void serveLongWork(parentPort, (progress) => (isBureauJob(data) ? runBureauJob(data, progress) : runLongJob(data, progress)));
