import { officerCommands } from './officer-commands.js';
import { bureauCommand } from '../bureau/cli.js';
import { processIo, type CliCommand, type CliIo } from './command.js';

const COMMANDS: readonly CliCommand[] = [...officerCommands, bureauCommand];

function usage(io: CliIo): void {
  io.out('Usage: sponsor-desk <command> [options]\n');
  for (const c of COMMANDS) io.out(`  ${c.name.padEnd(14)} ${c.summary}`);
}

/** Entry point of the `sponsor-desk` command; returns the process exit code. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    usage(io);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`sponsor-desk: unknown command "${name}"`);
    usage(io);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`sponsor-desk ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
