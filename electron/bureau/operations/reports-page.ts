import type { HandlerGroup } from '../../handlers/registry.js';
import { outputPath } from '../page-files.js';
import { summaryDocument } from '../summary-document.js';
import { refuseUnwritable, writeReportFile } from '../summary-document-files.js';

/** The printable district summary: the page for the window's print view, and the file written to a folder. */
export const reportsPageHandlers: HandlerGroup<'bureau.summaryDocument' | 'bureau.exportSummary'> = {
  'bureau.summaryDocument': (request, ctx) => summaryDocument(ctx, request),
  'bureau.exportSummary': ({ out, folder, ...request }, ctx) => {
    // The dates are checked (and the figures computed) before a file name is taken in the folder.
    const { html, fileName, asOfMonth, referenceDay } = summaryDocument(ctx, request);
    let target: string;
    try {
      target = outputPath(ctx, { out, folder }, fileName, '--out (the summary file)');
    } catch (error) {
      refuseUnwritable(error, null);
    }
    return { ...writeReportFile(target, html), asOfMonth, referenceDay };
  },
};
