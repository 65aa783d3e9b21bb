import { existsSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { AppError } from '@shared/errors.js';

/**
 * The reports' files (the printable summary, the district ledger) as the desk writes them into a folder the
 * clerk chose or the outbox: whole or not at all, and a folder the desk cannot write into (a stick pulled out,
 * a full disk, a read-only share) refused as the clerk's to fix, not as an internal error. The screen says
 * `output_folder` as "choose another folder; nothing was written".
 */

/** Rethrows a file system failure writing `target` as the refusal `output_folder`; any other error as it is. */
export function refuseUnwritable(error: unknown, target: string | null): never {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (error instanceof AppError || typeof code !== 'string') throw error;
  const folder = target === null ? '' : basename(dirname(target));
  throw new AppError('invalid_input', `cannot write into ${folder || 'the folder'}: ${code}`, { what: 'output_folder', reason: code, folder });
}

/**
 * Writes `content` to `outFile` whole or not at all, never over an existing file (a named `--out` that exists is
 * refused as out_exists): a temporary file hard-linked into place, which fails rather than replaces.
 */
export function writeReportFile(outFile: string, content: string | Uint8Array): { file: string; bytes: number } {
  const file = resolve(outFile);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temporary, bytes, { flag: 'wx' });
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && existsSync(file)) {
      throw new AppError('invalid_input', `${file} already exists; an export never overwrites a file`, { what: 'out', path: file, reason: 'out_exists' });
    }
    refuseUnwritable(error, file);
  } finally {
    if (existsSync(temporary)) rmSync(temporary);
  }
  return { file, bytes: bytes.length };
}
