import type { Language } from '@shared/domain/index.js';
import type { BulletinParagraph } from '@shared/bureau/bulletin.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import { bulletinDraft, bulletinDraftOf, bulletinSources, editedParagraphs } from '../bulletin.js';
import { renderBulletinDocument, type BulletinPage } from '../bulletin-document.js';
import { writeBulletinWorkbook } from '../bulletin-workbook.js';
import { bulletinWords } from '../bulletin-words.js';
import type { BureauContext } from '../context.js';
import { bureauName } from '../desk-settings.js';
import { outputPath } from '../page-files.js';
import { refuseUnwritable, writeReportFile } from '../summary-document-files.js';
import type { SummaryOptions } from '../summary.js';

interface EditedRequest extends SummaryOptions {
  language?: Language;
  paragraphs?: BulletinParagraph[];
}

/** The page of the edited bulletin: the month's figures, the draft's title, the clerk's paragraphs (checked). */
function bulletinPage(ctx: BureauContext, request: EditedRequest): BulletinPage {
  const sources = bulletinSources(ctx, request);
  const draft = bulletinDraftOf(sources, request.language);
  return {
    title: draft.title,
    paragraphs: editedParagraphs(draft, request.paragraphs),
    summary: sources.summary,
    ranking: sources.ranking,
    language: draft.language,
    bureauName: bureauName(ctx.db),
    madeAt: ctx.now(),
  };
}

const fileNameOf = (page: BulletinPage, format: 'html' | 'xlsx') => `${bulletinWords(page.language).fileStem}-${page.summary.asOfMonth}.${format}`;

/** The ranking, the drafted bulletin, its print view and its export (HTML or XLSX) to a folder. */
export const bulletinHandlers: HandlerGroup<'bureau.ranking' | 'bureau.bulletin.draft' | 'bureau.bulletin.document' | 'bureau.bulletin.export'> = {
  'bureau.ranking': (dates, ctx) => bulletinSources(ctx, dates).ranking,
  'bureau.bulletin.draft': (request, ctx) => bulletinDraft(ctx, request),
  'bureau.bulletin.document': (request, ctx) => {
    const page = bulletinPage(ctx, request);
    return {
      html: renderBulletinDocument(page),
      fileName: fileNameOf(page, 'html'),
      asOfMonth: page.summary.asOfMonth,
      referenceDay: page.summary.referenceDay,
    };
  },
  'bureau.bulletin.export': async ({ out, folder, format: asked, ...request }, ctx) => {
    // The format: asked, else the named file's extension (the command line), else the page.
    const format = asked ?? (out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'html');
    // Dates, month and paragraphs are checked before a file name is taken in the folder.
    const page = bulletinPage(ctx, request);
    const content = format === 'xlsx' ? await writeBulletinWorkbook(page) : renderBulletinDocument(page);
    let target: string;
    try {
      target = outputPath(ctx, { out, folder }, fileNameOf(page, format), '--out (the bulletin file)');
    } catch (error) {
      refuseUnwritable(error, null);
    }
    return { ...writeReportFile(target, content), format, asOfMonth: page.summary.asOfMonth, referenceDay: page.summary.referenceDay };
  },
};
