import type { CliCommand } from '../cli/command.js';

/** `sponsor-desk bureau …`: the bureau desk (issue 5 fills this in). */
export const bureauCommand: CliCommand = {
  name: 'bureau',
  summary: 'the bureau desk: master list, assignments, weekly packets, district ledger',
  async run(_args, io) {
    io.err('sponsor-desk bureau: not available yet');
    return 2;
  },
};
