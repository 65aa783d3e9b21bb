import { parseArgs, type ParseArgsConfig } from 'node:util';
import { cliMessage, parseArgsErrorText, type CliMessageKey } from '@shared/i18n/cli-messages.js';
import type { Lang } from '@shared/i18n/catalogue.js';

/**
 * The one argument parser of both desks' commands: node:util's parseArgs, strict. What is wrong with a
 * command line is an ArgumentError, said in the user's language when printed (exit code 2).
 */

export type CliOptions = NonNullable<ParseArgsConfig['options']>;

export interface CliArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** Wrong arguments: `text` says what is wrong in either language (the usage line is printed after it). */
export class ArgumentError extends Error {
  constructor(readonly text: (lang: Lang) => string) {
    super(text('en'));
  }
}

/** A wrong argument the catalogue names (shared/i18n/cli-messages.ts). */
export const argumentError = (key: CliMessageKey, params: Record<string, string | number> = {}) => new ArgumentError((lang) => cliMessage(lang, key, params));

export function parseCommandArgs(args: readonly string[], options: CliOptions, allowPositionals: boolean): CliArgs {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true }) as CliArgs;
  } catch (error) {
    // parseArgs's own message is English; its code and the option it quotes are said in either language.
    if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) throw new ArgumentError((lang) => parseArgsErrorText(lang, error));
    throw error;
  }
}

/** `--name VALUE` as a string, or undefined when not given. */
export const stringArg = (args: CliArgs, name: string): string | undefined => {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
};

export const flagArg = (args: CliArgs, name: string): boolean => args.values[name] === true;
