/**
 * The app's long-work worker (electron/main/workers/long-work.ts), which first writes the heap limits its thread
 * runs under into `worker-limits.json` beside the job's bureau database (tests/integration/long-work-limits.test.ts):
 * a real thread running the real job, seen from outside without replacing how it is started.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resourceLimits, workerData } from 'node:worker_threads';

writeFileSync(join(dirname((workerData as { dbPath: string }).dbPath), 'worker-limits.json'), JSON.stringify(resourceLimits));
await import('../../electron/main/workers/long-work.js');
