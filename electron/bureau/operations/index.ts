import { OperationRegistry } from '../../handlers/registry.js';
import { deskHandlers } from './desk.js';
import { masterHandlers } from './master.js';
import { officerHandlers } from './officers.js';
import { packetHandlers } from './packets.js';
import { problemHandlers } from './problems.js';
import { projectHandlers } from './projects.js';
import { reportHandlers } from './reports.js';
import { rollCallHandlers } from './roll-call.js';
import { pageFilesHandlers } from './page-files.js';
import { projectPageHandlers } from './project-page.js';
import { inboxHandlers } from './inbox.js';
import { jobsHandlers } from './jobs.js';
import { masterPageHandlers } from './master-page.js';
import { reportsPageHandlers } from './reports-page.js';
import { settingsPageHandlers } from './settings-page.js';
import { overviewHandlers } from './overview.js';
import { bulletinHandlers } from './bulletin.js';

/** The bureau desk's registry: every `bureau.*` operation, each handled once, with a BureauContext. */
export function createBureauRegistry(): OperationRegistry<'bureau'> {
  return new OperationRegistry('bureau')
    .register(deskHandlers)
    .register(masterHandlers)
    .register(officerHandlers)
    .register(packetHandlers)
    .register(problemHandlers)
    .register(projectHandlers)
    .register(reportHandlers)
    .register(rollCallHandlers)
    .register(pageFilesHandlers)
    .register(projectPageHandlers)
    .register(inboxHandlers)
    .register(jobsHandlers)
    .register(masterPageHandlers)
    .register(reportsPageHandlers)
    .register(settingsPageHandlers)
    .register(overviewHandlers)
    .register(bulletinHandlers)
    .assertComplete();
}
