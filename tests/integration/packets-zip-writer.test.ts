import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { MANIFEST_PATH, SIGNATURE_PATH } from '@shared/packets/manifest.js';
import { buildSignedManifest, readPacketFile, sha256Hex, writePacketFile, type LazyPacketEntry, type PacketSpec } from '../../electron/packets/container.js';
import { generateSigningKeyPair } from '../../electron/packets/keys.js';
import { useTempDir } from '../helpers/per-test.js';
import { unzip } from '../helpers/zip.js';

/**
 * Packets are written by our own zip writer (electron/sync/xlsx-zip.ts, shared with the workbooks) instead of
 * yazl (issue 11). What a reader sees must not change: the same entries in the same order, each stored or
 * deflated as before, with the same sizes, checksums, modes and times as yazl wrote for the same packet; the
 * manifest and its signature byte for byte the same; and every checksum true (yauzl does not check them, other
 * unzip tools do).
 */
const keys = generateSigningKeyPair();
const createdAt = '2026-11-24T10:00:00.000Z';

function spec(entries: PacketSpec['entries']): PacketSpec {
  return {
    kind: 'weekly',
    officerId: '00000000-0000-4000-8000-0000000000f1',
    packetId: '00000000-0000-4000-8000-00000000aa01',
    sequence: 3,
    createdAt,
    senderName: '李明',
    keys,
    writtenBy: 'test',
    entries,
  };
}

/** The packet as yazl wrote it before (container-write.ts until issue 11): the reference. */
async function yazlPacket(s: PacketSpec, photos: Map<string, Buffer>): Promise<Buffer> {
  const { manifestBytes, signatureText } = buildSignedManifest(s);
  const mtime = new Date(s.createdAt);
  const zip = new yazl.ZipFile();
  zip.addBuffer(manifestBytes, MANIFEST_PATH, { mtime, mode: 0o100644 });
  zip.addBuffer(Buffer.from(signatureText, 'utf8'), SIGNATURE_PATH, { mtime, mode: 0o100644, compress: false });
  for (const e of s.entries) {
    if ('data' in e) zip.addBuffer(Buffer.from(e.data), e.path, { mtime, mode: 0o100644, compress: e.compress ?? true });
    else zip.addReadStreamLazy(e.path, { mtime, mode: 0o100644, compress: false, size: e.bytes }, (cb) => cb(null, Readable.from([photos.get(e.path)!])));
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

interface Listed {
  name: string;
  method: number;
  size: number;
  crc: number;
  mode: number;
  dosTime: number;
  dosDate: number;
  sizesAfter: boolean;
}

/** The central directory as a reader sees it, in file order. */
async function listed(data: Buffer): Promise<Listed[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(data, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z!))));
  const out: Listed[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (e: yauzl.Entry) => {
      out.push({
        name: e.fileName,
        method: e.compressionMethod,
        size: e.uncompressedSize,
        crc: e.crc32,
        mode: e.externalFileAttributes >>> 16,
        dosTime: e.lastModFileTime,
        dosDate: e.lastModFileDate,
        sizesAfter: (e.generalPurposeBitFlag & 0x8) !== 0,
      });
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.once('error', reject);
    zip.readEntry();
  });
  return out;
}

describe('the packet zip writer', () => {
  const dir = useTempDir();

  it('writes what yazl wrote for the same packet: entries, order, methods, sizes, checksums, modes, times, and bytes', async () => {
    const photo = randomBytes(70_000);
    const photos = new Map([['photos/a.jpg', photo]]);
    const lazy: LazyPacketEntry = {
      path: 'photos/a.jpg',
      bytes: photo.length,
      sha256: sha256Hex(photo),
      load: () => Readable.from([photo.subarray(0, 1000), photo.subarray(1000)]),
    };
    const s = spec([
      {
        path: 'changes.json',
        data: Buffer.from(JSON.stringify({ changes: Array.from({ length: 500 }, (_, i) => ({ seq: i + 1, 摘要: '现场查看施工进度' })) })),
      },
      { path: 'ledger.xlsx', data: randomBytes(40_000), compress: false },
      { path: 'report.html', data: Buffer.from('<!doctype html><p>本周</p>'.repeat(200)) },
      { path: 'empty.txt', data: Buffer.alloc(0) },
      lazy,
    ]);
    const file = dir.file('p.zip');
    await writePacketFile(file, s);
    const ours = readFileSync(file);
    const theirs = await yazlPacket(s, photos);

    const [a, b] = [await listed(ours), await listed(theirs)];
    expect(a.map((e) => e.name)).toEqual([MANIFEST_PATH, SIGNATURE_PATH, 'changes.json', 'ledger.xlsx', 'report.html', 'empty.txt', 'photos/a.jpg']);
    expect(a).toEqual(b);
    expect(a.map((e) => e.method)).toEqual([8, 0, 8, 0, 8, 8, 0]);
    // Sizes in the local header where the bytes were known beforehand, in a descriptor after a streamed photo: as yazl did.
    expect(a.map((e) => e.sizesAfter)).toEqual([false, false, false, false, false, false, true]);

    const [x, y] = [await unzip(ours), await unzip(theirs)];
    expect([...x.keys()]).toEqual([...y.keys()]);
    for (const [name, bytes] of x) {
      expect(bytes.equals(y.get(name)!), name).toBe(true);
      expect(crc32(bytes), `${name}'s checksum`).toBe(a.find((e) => e.name === name)!.crc);
    }
    // The signed manifest is the same bytes (Ed25519 is deterministic), so a signature verifies exactly as before.
    const { manifestBytes, signatureText } = buildSignedManifest(s);
    expect(x.get(MANIFEST_PATH)!.equals(manifestBytes)).toBe(true);
    expect(x.get(SIGNATURE_PATH)!.toString('utf8')).toBe(signatureText);
    const opened = await readPacketFile(file, { expectedKind: 'weekly', resolveKey: () => keys.publicKeyPem });
    expect(opened.entries.get('changes.json')!.equals(x.get('changes.json')!)).toBe(true);
    expect(opened.entries.get('photos/a.jpg')!.equals(photo)).toBe(true);
  });

  it('a streamed photo whose bytes changed fails the write and leaves no file', async () => {
    const photo = randomBytes(30_000);
    const other = Buffer.from(photo);
    other.writeUInt8(other.readUInt8(29_999) ^ 1, 29_999);
    const entry: LazyPacketEntry = { path: 'photos/a.jpg', bytes: photo.length, sha256: sha256Hex(photo), load: () => Readable.from([other]) };
    await expect(writePacketFile(dir.file('p.zip'), spec([entry]))).rejects.toThrow(/changed while the packet was written/);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('a photo stream that fails midway fails the write and leaves no file', async () => {
    const photo = randomBytes(30_000);
    const failing = async function* () {
      yield photo.subarray(0, 10_000);
      throw new Error('the disk went away');
    };
    const entry: LazyPacketEntry = { path: 'photos/a.jpg', bytes: photo.length, sha256: sha256Hex(photo), load: () => Readable.from(failing()) };
    await expect(writePacketFile(dir.file('p.zip'), spec([entry]))).rejects.toThrow(/the disk went away/);
    expect(readdirSync(dir.path)).toEqual([]);
  });
});
