import { basename, dirname } from 'node:path';
import { AppError } from '@shared/errors.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import { outputPath } from '../page-files.js';
import { summaryDocument, writeSummaryDocument } from '../summary-document.js';

/**
 * A folder the desk cannot write into (full, read-only, gone, not a folder) is the clerk's to fix, not an
 * internal error: refused with `output_folder`, which the screen says as "choose another folder".
 */
function unwritable(error: unknown, target: string | null): never {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (error instanceof AppError || typeof code !== 'string') throw error;
  const folder = target === null ? '' : basename(dirname(target));
  throw new AppError('invalid_input', `cannot write into ${folder || 'the folder'}: ${code}`, { what: 'output_folder', reason: code, folder });
}

/** The printable district summary: the page for the window's print view, and the file written to a folder. */
export const reportsPageHandlers: HandlerGroup<'bureau.summaryDocument' | 'bureau.exportSummary'> = {
  'bureau.summaryDocument': (request, ctx) => summaryDocument(ctx, request),
  'bureau.exportSummary': ({ out, folder, ...request }, ctx) => {
    // The dates are checked (and the figures computed) before a file name is taken in the folder.
    const { html, fileName, asOfMonth, referenceDay } = summaryDocument(ctx, request);
    let target: string | null = null;
    try {
      target = outputPath(ctx, { out, folder }, fileName, '--out (the summary file)');
      return { ...writeSummaryDocument(target, html), asOfMonth, referenceDay };
    } catch (error) {
      return unwritable(error, target);
    }
  },
};
