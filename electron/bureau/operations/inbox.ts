import type { HandlerGroup } from '../../handlers/registry.js';

/** Handlers of the bureau desk's screens (issue 12): see shared/operations/bureau-*.ts for their entries. */
export const inboxHandlers: HandlerGroup<never> = {};
