import type { CliMessageKey } from '@shared/i18n/cli-messages.js';

/** The commands: those the catalogue has a line for `sponsor-desk help` (shared/i18n/cli-messages.ts). */
export type CliCommandName = CliMessageKey extends infer K ? (K extends `summary.${infer N}` ? N : never) : never;

/** One CLI command: parses its own arguments, prints, returns the exit code. */
export interface CliCommand {
  name: CliCommandName;
  run(args: string[], io: CliIo): Promise<number>;
}

/** Where a command writes: swapped for buffers in tests. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** A progress line that replaces the previous one (only on a terminal; '' clears it). */
  progress?(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  progress: process.stderr.isTTY ? (text) => process.stderr.write(`\r\x1b[2K${text}`) : undefined,
};
