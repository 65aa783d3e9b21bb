import type { CliIo } from '../../electron/cli/command.js';
import { runCli } from '../../electron/cli/main.js';

/** What one run of the officer's command printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Collects what a command prints, a line at a time. */
function bufferIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(text: string) {
      io.stdout += text.endsWith('\n') ? text : `${text}\n`;
    },
    err(text: string) {
      io.stderr += text.endsWith('\n') ? text : `${text}\n`;
    },
  };
  return io;
}

/**
 * Runs `sponsor-desk …` in this process as a shell in the `lang` locale would (LANG set, LC_ALL and
 * LC_MESSAGES unset), and puts the environment back after.
 */
export async function runOfficerCli(argv: string[], lang = 'en_US.UTF-8'): Promise<CliRun> {
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES };
  process.env.LANG = lang;
  delete process.env.LC_ALL;
  delete process.env.LC_MESSAGES;
  try {
    const io = bufferIo();
    const code = await runCli(argv, io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
