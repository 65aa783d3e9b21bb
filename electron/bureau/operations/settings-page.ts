import type { HandlerGroup } from '../../handlers/registry.js';
import { deskAbout, giveBureauKey } from '../desk-settings.js';
import { leaveDemo } from '../leave-demo.js';
import { refuseWhileJobRuns } from './jobs.js';

/** The settings screen's own operations (shared/operations/bureau-settings.ts); officers, backup and restore are bureau.ts's. */
export const settingsPageHandlers: HandlerGroup<'bureau.desk.about' | 'bureau.key.give' | 'bureau.demo.leave'> = {
  'bureau.desk.about': (_input, ctx) => deskAbout(ctx),
  'bureau.key.give': ({ folder }, ctx) => giveBureauKey(ctx, { folder }),
  'bureau.demo.leave': (_input, ctx) => {
    refuseWhileJobRuns(ctx, 'leaving the demo');
    return leaveDemo(ctx);
  },
};
