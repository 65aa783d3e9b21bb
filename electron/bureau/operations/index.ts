import { OperationRegistry } from '../../handlers/registry.js';
import { deskHandlers } from './desk.js';
import { masterHandlers } from './master.js';
import { officerHandlers } from './officers.js';
import { packetHandlers } from './packets.js';
import { problemHandlers } from './problems.js';
import { projectHandlers } from './projects.js';
import { reportHandlers } from './reports.js';
import { rollCallHandlers } from './roll-call.js';

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
    .assertComplete();
}
