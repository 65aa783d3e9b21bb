import { readFileSync, writeFileSync } from 'node:fs';
import yauzl from 'yauzl';
import yazl from 'yazl';

/**
 * Zips for tests: every entry of a zip read into memory, and zips written with yazl from entries given
 * one by one, for packets and archives the real writers refuse to produce (a stray entry, a tampered
 * manifest, a symlink mode). For fields yazl itself refuses to write, see tests/reliability/zip.ts.
 */

/** Every entry of the zip, by name. */
export async function unzip(data: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, z) => (error ? reject(error) : resolve(z!))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream!.on('data', (c: Buffer) => chunks.push(c));
        stream!.on('error', reject);
        stream!.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

/** Every entry of the zip file at `path`, by name. */
export function unzipFile(path: string): Promise<Map<string, Buffer>> {
  return unzip(readFileSync(path));
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  /** Deflated unless false. */
  compress?: boolean;
  /** Unix mode; a regular file (0o100644) unless given. */
  mode?: number;
}

/** Writes the entries, in order, as a zip at `path` (dated 1 November 2026) and returns the path. */
export async function zipTo(path: string, entries: readonly ZipEntry[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.name, { compress: e.compress ?? true, mode: e.mode ?? 0o100644, mtime: new Date('2026-11-01T00:00:00Z') });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  writeFileSync(path, Buffer.concat(chunks));
  return path;
}
