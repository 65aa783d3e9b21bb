import type { BureauFilePurpose } from '@shared/operations/bureau-files';
import { readAsBase64 } from '../api/files';
import { detectTransport } from '../api/transport';
import { callBureau } from './client';

/**
 * Files on the bureau desk's screens, as handles (electron/bureau/page-files.ts): a dropped or uploaded file is
 * kept in the desk's inbox first; in the desktop app a native dialog can answer instead. What the desk writes
 * goes to a chosen folder (desktop) or to the outbox, which the preview offers as downloads.
 */

export interface PickedFile {
  handle: string;
  name: string;
}

const kind = () => detectTransport().kind;

/** Whether native dialogs are here (the desktop app); the preview uploads instead. */
export const hasFileDialogs = () => kind() === 'electron';

/** Hands dropped or uploaded files to the desk, one after another (each is kept whole in the inbox or not at all). */
export async function receiveFiles(files: readonly File[]): Promise<PickedFile[]> {
  const picked: PickedFile[] = [];
  for (const file of files) {
    const received = await callBureau('bureau.files.receive', { fileName: file.name, contentBase64: await readAsBase64(file) });
    picked.push({ handle: received.file, name: file.name });
  }
  return picked;
}

/** The desktop's dialog for `purpose`; [] when the clerk cancelled. */
export async function chooseFiles(purpose: BureauFilePurpose): Promise<PickedFile[]> {
  const answer = await callBureau('bureau.files.choose', { purpose });
  return answer?.chosen ?? [];
}

/**
 * Where written files go: in the desktop app the clerk chooses a folder (undefined when they cancelled: write
 * nothing); in the preview there is no dialog and the desk's outbox is used ({}), offered as downloads.
 */
export async function chooseOutputFolder(): Promise<{ folder?: string } | undefined> {
  if (!hasFileDialogs()) return {};
  const [folder] = await chooseFiles('outputFolder');
  return folder ? { folder: folder.handle } : undefined;
}

/** The preview's download of a file the desk wrote into its outbox (null in the desktop app, where it is in the chosen folder). */
export function outboxDownloadUrl(path: string): string | null {
  if (hasFileDialogs()) return null;
  const name = path.split(/[\\/]/).pop() ?? '';
  return `./outbox/${encodeURIComponent(name)}`;
}

/** A received photo or evidence file (named by its SHA-256) for <img> or a link: the app protocol in the desktop app, the bridge in the preview. */
export function receivedFileUrl(name: string): string {
  return hasFileDialogs() ? `app://sponsor-desk/bureau-files/${encodeURIComponent(name)}` : `./files/${encodeURIComponent(name)}`;
}
