import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APPEND_ONLY_TABLES, OFFICER_ORIGIN_TABLES } from '../../electron/store/migrations/003-append-only.js';
import { insertProblem } from '../../electron/store/repositories/problems.js';
import { insertAttachment } from '../../electron/store/repositories/visits.js';
import { makeAttachment, makeProblem } from '../helpers/fixtures.js';
import { REPO_ROOT } from '../helpers/preview-browser.js';
import { countRows, dumpDatabase, openTempStore, type TempStore } from '../helpers/temp-store.js';

/**
 * The audit trail cannot be silently rewritten: officer records are append-only (a correction is a new
 * record carrying who and when). Two independent proofs: no code of the officer's app has an UPDATE or
 * DELETE (or REPLACE, or upsert) on those tables, and the database itself refuses one (migration 003).
 */

const ELECTRON = join(REPO_ROOT, 'electron');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.(ts|mts|cts)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every string literal of a file ('…', "…", `…`), whitespace folded: SQL statements are among them. */
function stringLiterals(text: string): string[] {
  const out: string[] = [];
  const pattern = /`(?:[^`\\]|\\.)*`|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g;
  for (const m of text.matchAll(pattern)) out.push(m[0].slice(1, -1).replace(/\s+/g, ' '));
  return out;
}

interface Write {
  file: string;
  table: string;
  sql: string;
}

/** The statements in `files` that change or remove existing rows, by table. */
function rowRewrites(files: readonly string[]): Write[] {
  const writes: Write[] = [];
  for (const file of files) {
    for (const sql of stringLiterals(readFileSync(file, 'utf8'))) {
      const found = new Set<string>();
      for (const m of sql.matchAll(/\bUPDATE\s+(?:OR\s+\w+\s+)?["`]?(\w+)["`]?\s+SET\b/gi)) found.add(m[1]!.toLowerCase());
      for (const m of sql.matchAll(/\bDELETE\s+FROM\s+["`]?(\w+)/gi)) found.add(m[1]!.toLowerCase());
      for (const m of sql.matchAll(/\b(?:REPLACE|INSERT\s+OR\s+REPLACE)\s+INTO\s+["`]?(\w+)/gi)) found.add(m[1]!.toLowerCase());
      const upsert = /\bINSERT\s+(?:OR\s+\w+\s+)?INTO\s+["`]?(\w+)[\s\S]*\bON\s+CONFLICT\b[\s\S]*\bDO\s+UPDATE\b/i.exec(sql);
      if (upsert) found.add(upsert[1]!.toLowerCase());
      for (const table of found) writes.push({ file: relative(REPO_ROOT, file), table, sql });
    }
  }
  return writes;
}

describe('no code rewrites an officer record', () => {
  // The bureau desk (electron/bureau/) has its own database with its own copies of these tables (folded from
  // packets, plus bureau-only columns such as attachments.file_stored); this is about the officer's store.
  const files = sourceFiles(ELECTRON).filter((f) => !relative(ELECTRON, f).startsWith('bureau'));
  const writes = rowRewrites(files);

  it('the scan sees the statements it must (projects re-dated by an assignment, settings, export acknowledgement)', () => {
    expect(files.length).toBeGreaterThan(50);
    const tables = new Set(writes.map((w) => w.table));
    for (const t of ['projects', 'settings', 'packet_exports', 'milestones', 'checklist_items']) expect(tables.has(t), t).toBe(true);
  });

  it('no UPDATE, DELETE, REPLACE or upsert on an append-only table, anywhere in electron/ (but the bureau desk)', () => {
    const bad = writes.filter((w) => APPEND_ONLY_TABLES.includes(w.table));
    expect(bad).toEqual([]);
  });

  it('on problems and checklist items, only rows with origin bureau are ever rewritten', () => {
    const bad = writes.filter((w) => OFFICER_ORIGIN_TABLES.includes(w.table) && !/origin\s*=\s*'bureau'/.test(w.sql));
    expect(bad).toEqual([]);
  });
});

describe('the database refuses to rewrite an officer record (migration 003)', () => {
  let store: TempStore;
  beforeEach(() => {
    store = openTempStore({ demo: true });
    // The demo has no photo and no problem of the officer's own: add one of each, as the services would.
    const visit = store.db.prepare('SELECT id, project_id AS projectId FROM visits LIMIT 1').get() as { id: string; projectId: string };
    store.db.transaction(() => {
      insertAttachment(store.db, makeAttachment(visit.id));
      insertProblem(store.db, makeProblem(visit.projectId, { origin: 'officer' }));
    })();
  });
  afterEach(() => store.close());

  /** One row of each protected table: officer rows of the shared tables. */
  const cases: { table: string; where: string; column: string }[] = [
    { table: 'visits', where: '1', column: 'summary' },
    { table: 'attachments', where: '1', column: 'sha256' },
    { table: 'checklist_events', where: '1', column: 'note' },
    { table: 'milestone_reports', where: '1', column: 'note' },
    { table: 'investment_entries', where: '1', column: 'amount' },
    { table: 'problem_events', where: '1', column: 'note' },
    { table: 'change_log', where: '1', column: 'payload' },
    { table: 'problems', where: "origin = 'officer'", column: 'description' },
  ];

  it('covers every append-only table and the officer rows of the shared ones', () => {
    expect(cases.map((c) => c.table).sort()).toEqual([...APPEND_ONLY_TABLES, 'problems'].sort());
    for (const c of cases) expect(countRows(store.db, c.table, c.where), c.table).toBeGreaterThan(0);
  });

  it.each(cases)('$table: UPDATE and DELETE are refused and nothing changes', ({ table, where, column }) => {
    const before = dumpDatabase(store.db);
    const rowid = (store.db.prepare(`SELECT rowid AS r FROM ${table} WHERE ${where} LIMIT 1`).get() as { r: number }).r;
    const value = column === 'amount' ? '0' : "'rewritten'";
    expect(() => store.db.prepare(`UPDATE ${table} SET ${column} = ${value} WHERE rowid = ?`).run(rowid)).toThrow(/append_only/);
    expect(() => store.db.prepare(`DELETE FROM ${table} WHERE rowid = ?`).run(rowid)).toThrow(/append_only/);
    expect(() => store.db.prepare(`DELETE FROM ${table}`).run()).toThrow(/append_only/);
    // INSERT OR REPLACE on the same id is a delete and an insert: refused too (where the table has an id).
    if (table !== 'change_log') {
      expect(() => store.db.prepare(`INSERT OR REPLACE INTO ${table} SELECT * FROM ${table} WHERE rowid = ?`).run(rowid)).toThrow(/append_only/);
    }
    expect(dumpDatabase(store.db)).toBe(before);
  });

  it("an officer checklist item is refused too; bureau rows stay the assignment import's to update", () => {
    store.db
      .prepare(
        `INSERT INTO checklist_items (id, project_id, stage, title, due_on, sort_order, origin, withdrawn_at)
         SELECT '00000000-0000-4000-8000-0000000c0001', project_id, stage, '自建事项', due_on, 99, 'officer', NULL FROM checklist_items LIMIT 1`,
      )
      .run();
    expect(() => store.db.prepare("UPDATE checklist_items SET title = 'x' WHERE origin = 'officer'").run()).toThrow(/append_only/);
    expect(() => store.db.prepare("DELETE FROM checklist_items WHERE origin = 'officer'").run()).toThrow(/append_only/);
    store.db.prepare("UPDATE checklist_items SET due_on = '2026-12-31' WHERE origin = 'bureau'").run();
    store.db.prepare("UPDATE projects SET archived_at = '2026-11-24T00:00:00.000Z' WHERE rowid = (SELECT min(rowid) FROM projects)").run();
  });
});
