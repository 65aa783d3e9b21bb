/**
 * What `npm run preview` prints when it is ready. The one-time address stands alone on its own line, with
 * nothing before or after it, so any terminal recognises it as a link (Ctrl/Cmd+click) and a copy takes the
 * address whole. On a terminal (stdout is a TTY) the same line is also wrapped in an OSC 8 hyperlink, which
 * terminals that know it make clickable even if their URL detection is off; piped output (a log, a test)
 * gets the plain address only, never escape codes.
 */
export interface PreviewBannerInput {
  openUrl: string;
  databasePath: string;
  /** The officer desk's outbox; the bureau desk has none in the preview. */
  outboxDir?: string;
  /** The desk served: the bureau's database is named as such. */
  desk?: 'officer' | 'bureau';
  /** Whether stdout is a terminal (process.stdout.isTTY). */
  tty: boolean;
}

const OSC = '\u001b]';
const ST = '\u001b\\';

/** An OSC 8 hyperlink: the terminal shows `text` and opens `url`. */
export function osc8(url: string, text: string = url): string {
  return `${OSC}8;;${url}${ST}${text}${OSC}8;;${ST}`;
}

export function previewBanner({ openUrl, databasePath, outboxDir, desk = 'officer', tty }: PreviewBannerInput): string {
  return [
    `Sponsor Desk preview${desk === 'bureau' ? ' (bureau desk)' : ''}: open this address in your browser, once (it works one time only):`,
    '',
    tty ? osc8(openUrl) : openUrl,
    '',
    desk === 'bureau' ? `bureau database: ${databasePath}` : `store: ${databasePath}`,
    ...(outboxDir === undefined ? [] : [`outbox: ${outboxDir}`]),
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
