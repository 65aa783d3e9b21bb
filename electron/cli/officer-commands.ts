import type { CliCommand } from './command.js';

/** The officer's commands: trust-bureau, import, export (issue 4 fills these in). */
export const officerCommands: readonly CliCommand[] = [];
