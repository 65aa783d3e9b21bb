import { appHandlers } from './app-service.js';
import { projectHandlers } from './project-service.js';
import { weekHandlers } from './week-service.js';
import { reminderHandlers } from './reminder-service.js';
import { settingsHandlers } from './settings-service.js';
import { backupHandlers } from './backup-service.js';
import { backupArchiveHandlers } from './backup-archive-handlers.js';
import { problemHandlers } from './problem-service.js';
import { investmentHandlers } from './investment-service.js';
import { milestoneHandlers } from './milestone-service.js';
import { checklistHandlers } from './checklist-service.js';
import { visitHandlers } from './visit-service.js';
import { syncHandlers } from './sync-service.js';
import { fileHandlers } from './file-service.js';
import { storeHandlers } from './store-service.js';
import { protectionHandlers } from './protection.js';
import { jobHandlers } from './jobs-service.js';
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
