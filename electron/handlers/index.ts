import { appHandlers } from './app.js';
import { projectHandlers } from './projects.js';
import { weekHandlers } from './week.js';
import { reminderHandlers } from './reminders.js';
import { settingsHandlers } from './settings.js';
import { backupHandlers } from './backups.js';
import { backupArchiveHandlers } from './backup-archives.js';
import { problemHandlers } from './problems.js';
import { investmentHandlers } from './investment.js';
import { milestoneHandlers } from './milestones.js';
import { checklistHandlers } from './checklist.js';
import { visitHandlers } from './visits.js';
import { syncHandlers } from './sync.js';
import { fileHandlers } from './files.js';
import { storeHandlers } from './store.js';
import { protectionHandlers } from '../protection/protection.js';
import { jobHandlers } from './jobs.js';
import { OperationRegistry } from './registry.js';

/**
 * The officer desk's registry: every officer domain's handlers, registered once. Both transports (IPC,
 * preview bridge) and the officer CLI dispatch through this; `bureau.*` names are unknown to it (the
 * bureau's registry is createBureauRegistry in electron/bureau/operations/).
 */
export function createRegistry(): OperationRegistry {
  return new OperationRegistry()
    .register(appHandlers)
    .register(weekHandlers)
    .register(reminderHandlers)
    .register(settingsHandlers)
    .register(backupHandlers)
    .register(backupArchiveHandlers)
    .register(projectHandlers)
    .register(problemHandlers)
    .register(investmentHandlers)
    .register(milestoneHandlers)
    .register(checklistHandlers)
    .register(visitHandlers)
    .register(syncHandlers)
    .register(fileHandlers)
    .register(storeHandlers)
    .register(protectionHandlers)
    .register(jobHandlers)
    .assertComplete();
}

export type { ServiceContext } from './context.js';
export { OperationRegistry } from './registry.js';
