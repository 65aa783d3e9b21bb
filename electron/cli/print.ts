import type { AppErrorShape, OperationResult } from '@shared/errors.js';
import type { CliIo } from './command.js';

/**
 * The one way both desks' commands print: a result as JSON (--json) or as lines in the user's language,
 * a refusal or failure on stderr with exit code 1, wrong arguments on stderr with exit code 2.
 */

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** A line for stdout, or one for stderr (`{ err }`: a refusal among results, like a refused packet). */
export type PrintedLine = string | { err: string };

export function printJson(io: CliIo, value: unknown, stream: 'out' | 'err' = 'out'): void {
  io[stream](JSON.stringify(value, null, 2));
}

export function printLines(io: CliIo, lines: readonly PrintedLine[]): void {
  for (const line of lines) {
    if (typeof line === 'string') io.out(line);
    else io.err(line.err);
  }
}

/** An operation's refusal or failure, carried from the registry's answer to where it is printed. */
export class Refusal extends Error {
  constructor(readonly shape: AppErrorShape) {
    super(shape.message);
  }
}

/** The value of a registry answer; its error thrown as a Refusal. */
export function valueOf<T>(result: OperationResult<unknown>): T {
  if (!result.ok) throw new Refusal(result.error);
  return result.value as T;
}

/** The colon after a command's name: full-width in Chinese. */
export const colon = (lang: 'zh' | 'en') => (lang === 'zh' ? '：' : ': ');

/** Wrong arguments: what is wrong after the command's name, then how to call it; exit code 2. */
export function printWrongArguments(io: CliIo, lang: 'zh' | 'en', command: string, what: string, usageLine: string): number {
  io.err(`${command}${colon(lang)}${what}`);
  io.err(usageLine);
  return EXIT.usage;
}
