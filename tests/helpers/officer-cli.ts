import type { CliIo } from '../../electron/cli/command.js';
import { runCli } from '../../electron/cli/main.js';

/** What one run of the officer's command printed, and its exit code. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The progress lines a terminal would have shown ('' clears the line); empty when not on a terminal. */
  progress: string[];
}

/** Collects what a command prints, a line at a time. */
function bufferIo(terminal: boolean): CliIo & { stdout: string; stderr: string; lines: string[] } {
  const lines: string[] = [];
  const io = {
    stdout: '',
    stderr: '',
    lines,
    progress: terminal ? (text: string) => void lines.push(text) : undefined,
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
 * LC_MESSAGES unset), and puts the environment back after; `terminal` gives it a progress line to write.
 */
export async function runOfficerCli(argv: string[], lang = 'en_US.UTF-8', { terminal = false } = {}): Promise<CliRun> {
  const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL, LC_MESSAGES: process.env.LC_MESSAGES };
  process.env.LANG = lang;
  delete process.env.LC_ALL;
  delete process.env.LC_MESSAGES;
  try {
    const io = bufferIo(terminal);
    const code = await runCli(argv, io);
    return { code, stdout: io.stdout, stderr: io.stderr, progress: io.lines };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
