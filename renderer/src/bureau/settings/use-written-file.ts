import { useState } from 'react';
import { chooseOutputFolder, outboxDownloadUrl } from '../files';

/**
 * An operation that writes a file for the clerk (a backup, bureau.pub): asked where (a chosen folder in the
 * desktop app, the outbox in the preview; nothing when the clerk cancelled the dialog), then its answer, its
 * refusal, and in the preview the download of what was written.
 */
export function useWrittenFile<R extends { file: string }>(write: (where: { folder?: string }) => Promise<R>) {
  const [done, setDone] = useState<R | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setError(null);
    try {
      const where = await chooseOutputFolder();
      if (!where) return;
      setBusy(true);
      setDone(await write(where));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { done, error, busy, run: () => void run(), download: done ? outboxDownloadUrl(done.file) : null };
}
