import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeskChoice, type PageDesk } from '@shared/operations/desk.js';
import { mkdirPrivate, writeFileAtomically } from '../store/private-files.js';

/**
 * Who the user said they are, kept in a small file of the data folder (never in either database: each desk
 * has its own, and the choice says which one the app opens). A missing or unreadable file means "ask".
 */
export const DESK_CHOICE_FILE = 'desk-choice.json';
/** The officer's store, as before there were two desks (so an existing officer keeps their data). */
export const OFFICER_DATABASE_FILE = 'sponsor-desk.sqlite';
/** The bureau's database lives in a folder of its own: its signing key and received files sit beside it. */
export const BUREAU_FOLDER = 'bureau';
export const BUREAU_DATABASE_FILE = 'sponsor-desk-bureau.sqlite';

export interface DeskDatabases {
  officer: string;
  bureau: string;
}

export function deskDatabases(dataDir: string): DeskDatabases {
  return { officer: join(dataDir, OFFICER_DATABASE_FILE), bureau: join(dataDir, BUREAU_FOLDER, BUREAU_DATABASE_FILE) };
}

/** The desk chosen in this data folder, or null: not chosen yet, or the file is damaged (then the user is asked again). */
export function readDeskChoice(dataDir: string): DeskChoice | null {
  const path = join(dataDir, DESK_CHOICE_FILE);
  if (!existsSync(path)) return null;
  try {
    const parsed = DeskChoice.safeParse((JSON.parse(readFileSync(path, 'utf8')) as { desk?: unknown } | null)?.desk);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Keeps the choice: 0600 in a 0700 folder, written whole or not at all. */
export function writeDeskChoice(dataDir: string, desk: DeskChoice, now: Date = new Date()): void {
  mkdirPrivate(dataDir, { own: false });
  writeFileAtomically(join(dataDir, DESK_CHOICE_FILE), Buffer.from(`${JSON.stringify({ desk, chosenAt: now.toISOString() })}\n`));
}

const TRANSPORT_META = '<meta name="sponsor-desk-transport" content="electron" />';

/**
 * The page learns its desk from a meta tag of index.html, written by whoever serves the page (the desktop
 * app's protocol handler, the preview bridge): one way for both transports. `transport` is the preview's http.
 */
export function withDeskMeta(html: string, desk: PageDesk, transport: 'electron' | 'http' = 'electron'): string {
  return html.replace(TRANSPORT_META, `<meta name="sponsor-desk-transport" content="${transport}" /><meta name="sponsor-desk-desk" content="${desk}" />`);
}
