import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readPacketFile, sha256Hex, writePacketFile, type LazyPacketEntry } from '../../electron/packets/container.js';
import { generateSigningKeyPair } from '../../electron/packets/keys.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * Large packets are written and proved without holding them in memory: lazy entries are loaded one at a
 * time when the zip reaches them (and must still match the manifest), and entries left out of memory are
 * verified while reading and read again, verified again, on demand.
 */
const keys = generateSigningKeyPair();
const spec = (entries: LazyPacketEntry[]) => ({
  kind: 'weekly' as const,
  officerId: '00000000-0000-4000-8000-0000000000f1',
  sequence: 1,
  createdAt: '2026-11-24T10:00:00.000Z',
  senderName: '李明',
  keys,
  writtenBy: 'test',
  entries,
});

function lazy(path: string, data: Buffer, loads: string[] = []): LazyPacketEntry {
  return { path, bytes: data.length, sha256: sha256Hex(data), load: () => (loads.push(path), data) };
}

describe('streamed packets', () => {
  const dir = useTempDir();

  it('writes lazy entries in order, one load each, and reads them back verified, kept or not', async () => {
    const photos = [randomBytes(300_000), randomBytes(200_000), randomBytes(100_000)];
    const loads: string[] = [];
    const file = dir.file('p.zip');
    await writePacketFile(file, spec(photos.map((p, i) => lazy(`photos/${i}.jpg`, p, loads))));
    expect(loads).toEqual(['photos/0.jpg', 'photos/1.jpg', 'photos/2.jpg']);

    const opened = await readPacketFile(file, { expectedKind: 'weekly', resolveKey: () => keys.publicKeyPem, keepInMemory: (path) => path === 'photos/1.jpg' });
    expect([...opened.entries.keys()]).toEqual(['photos/1.jpg']);
    expect(opened.entries.get('photos/1.jpg')!.equals(photos[1]!)).toBe(true);
    for (const [i, p] of photos.entries()) expect((await opened.readEntry(`photos/${i}.jpg`)).equals(p)).toBe(true);
    await expect(opened.readEntry('photos/9.jpg')).rejects.toMatchObject({ params: { reason: 'entries_mismatch' } });
  });

  it('a lazy entry whose bytes changed before the zip reached it fails the write and leaves no file', async () => {
    const data = randomBytes(50_000);
    const entry: LazyPacketEntry = { ...lazy('photos/a.jpg', data), load: () => randomBytes(50_000) };
    await expect(writePacketFile(dir.file('p.zip'), spec([entry]))).rejects.toThrow(/changed while the packet was written/);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('a packet file replaced after it was proved: reading an entry again is refused', async () => {
    const file = dir.file('p.zip');
    await writePacketFile(file, spec([lazy('photos/a.jpg', randomBytes(10_000))]));
    const opened = await readPacketFile(file, { expectedKind: 'weekly', resolveKey: () => keys.publicKeyPem, keepInMemory: () => false });
    await writePacketFile(dir.file('other.zip'), spec([lazy('photos/a.jpg', randomBytes(10_000))]));
    writeFileSync(file, '');
    await expect(opened.readEntry('photos/a.jpg')).rejects.toMatchObject({ code: 'packet_invalid' });
    expect(existsSync(file)).toBe(true);
  });
});
