/**
 * A worker thread for the long-work protocol tests (tests/integration/electron-main.test.ts): the job named in
 * workerData, served with the app's own serveLongWork.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '@shared/errors.js';
import { serveLongWork } from '../../electron/main/long-work.js';

const { job, n } = workerData as { job: string; n?: number };

void serveLongWork(parentPort!, async (progress) => {
  switch (job) {
    case 'count': {
      const total = n ?? 3;
      for (let i = 1; i <= total; i++) progress({ phase: 'write', done: i, total });
      return { counted: total };
    }
    case 'fail':
      throw new AppError('packet_invalid', 'bad file', { reason: 'test' });
    case 'throw':
      throw new TypeError('not an AppError');
    case 'hang':
      progress({ phase: 'write', done: 0, total: 1 });
      return new Promise(() => setInterval(() => undefined, 1000));
    case 'exit':
      return process.exit(3);
    default:
      throw new Error(`unknown test job ${job}`);
  }
});
