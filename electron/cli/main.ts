import { officerCommands } from './officer-commands.js';
import { bureauCommand } from './bureau/commands.js';
import { cliMessage } from '@shared/i18n/cli-messages.js';
import { langFromEnv, type Lang } from '@shared/i18n/catalogue.js';
import { processIo, type CliCommand, type CliIo } from './command.js';

const COMMANDS: readonly CliCommand[] = [...officerCommands, bureauCommand];

function usage(io: CliIo, lang: Lang): void {
  io.out(cliMessage(lang, 'usageHeader'));
  for (const c of COMMANDS) io.out(`  ${c.name.padEnd(14)} ${cliMessage(lang, `summary.${c.name}`)}`);
}

/** Entry point of the `sponsor-desk` command; returns the process exit code. Speaks Chinese when the locale says so. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const lang = langFromEnv(process.env);
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    usage(io, lang);
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(cliMessage(lang, 'unknownCommand', { name }));
    usage(io, lang);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // The commands report their own refusals; this is a fault. Its message is English: Chinese says how to see it.
    io.err(cliMessage(lang, 'crashed', { command: name, message: error instanceof Error ? error.message : String(error) }));
    return 1;
  }
}
