import type { Problem, ProblemEvent, Visit } from '@shared/domain/index.js';
import { recorderOf, selectList } from '@shared/records/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { FOLD_TABLES, type FoldEntity } from './fold.js';
import { textGroups } from './ledger-order.js';

/**
 * What the district ledger reads from the bureau database, so that it never holds every record at once
 * (issue 11: the records took 75 MB at 50,000 problems and visits):
 *   - the fields of every problem, step and visit that the district figures and the projects' counts read, and
 *     nothing else (`figureRecords`), dropped before the writing starts;
 *   - the visits and problems whole, one place of the ledger's order at a time (`recordsAt`): the rows are
 *     sorted by project code first, so the records of one project (of the projects whose codes collate equal)
 *     are all the writer needs at once.
 */

/** The fields computeDistrictSummary and the projects' open problems and last visits read (nothing else of them). */
export type FigureProblem = Pick<Problem, 'id' | 'projectId' | 'raisedOn' | 'responsibleDepartment' | 'dueOn'>;
export type FigureStep = Pick<ProblemEvent, 'id' | 'problemId' | 'at' | 'action' | 'department'>;
export type FigureVisit = Pick<Visit, 'projectId' | 'visitedOn' | 'kind'>;

export interface FigureRecords {
  problems: FigureProblem[];
  problemEvents: FigureStep[];
  visits: FigureVisit[];
}

/** `"column" AS "field"` for the fields of a kind, from the record catalogue. */
const fieldList = (kind: FoldEntity, fields: readonly string[]): string =>
  fields.map((field) => `"${FOLD_TABLES[kind].columns[field]}" AS "${field}"`).join(', ');

/** Rows read per statement: a batch's copies die young (V8's young generation is 32 MB in a long-work thread). */
const BATCH = 4096;

/** Keeps one copy of each value (null passes): the same string for every record that holds it. */
type Share = <V>(value: V) => V;

/**
 * Every record of a kind, only `fields` (the figures count them: their order does not matter), each made by
 * `make` from its values in that order. The values it `share`s (project ids, days, departments…: a few thousand
 * distinct among 150,000 records) are kept once each, and the records are read a batch at a time, so the
 * copies SQLite hands over die young: the projection holds about 14 MB at 50,000 problems and visits, not 35 MB.
 */
function projection<T>(
  db: SqliteDatabase,
  kind: FoldEntity,
  fields: readonly (keyof T & string)[],
  make: (values: unknown[], share: Share) => T,
  share: Share,
): T[] {
  const statement = db
    .prepare(`SELECT ${fieldList(kind, fields)}, rowid FROM ${FOLD_TABLES[kind].table} WHERE rowid > ? ORDER BY rowid LIMIT ${BATCH}`)
    .raw(true);
  const records: T[] = [];
  for (let after = 0; ;) {
    const batch = statement.all(after) as unknown[][];
    for (const values of batch) records.push(make(values, share));
    if (batch.length < BATCH) return records;
    after = batch.at(-1)![fields.length] as number;
  }
}

export function figureRecords(db: SqliteDatabase): FigureRecords {
  const pool = new Map<string, string>();
  const share: Share = (value) => {
    if (typeof value !== 'string') return value;
    const held = pool.get(value);
    if (held === undefined) pool.set(value, value);
    return (held ?? value) as typeof value;
  };
  // A problem's id is shared so that its steps' problemId is the same string; a step's own id and time are its own.
  return {
    problems: projection<FigureProblem>(
      db,
      'problem',
      ['id', 'projectId', 'raisedOn', 'responsibleDepartment', 'dueOn'],
      (v, s) => ({ id: s(v[0]), projectId: s(v[1]), raisedOn: s(v[2]), responsibleDepartment: s(v[3]), dueOn: s(v[4]) }) as FigureProblem,
      share,
    ),
    problemEvents: projection<FigureStep>(
      db,
      'problem_event',
      ['id', 'problemId', 'at', 'action', 'department'],
      (v, s) => ({ id: v[0], problemId: s(v[1]), at: v[2], action: s(v[3]), department: s(v[4]) }) as FigureStep,
      share,
    ),
    visits: projection<FigureVisit>(
      db,
      'visit',
      ['projectId', 'visitedOn', 'kind'],
      (v, s) => ({ projectId: s(v[0]), visitedOn: s(v[1]), kind: s(v[2]) }) as FigureVisit,
      share,
    ),
  };
}

/**
 * One place in the ledger's order: the projects whose codes the collator holds equal (one, but for codes that
 * differ only where the collator does not look), and whether the records of no project the bureau holds (whose
 * rows have the code '') are here too.
 */
export interface LedgerPlace {
  projectIds: string[];
  orphans: boolean;
}

/** The places in the order of their codes, as sortByText orders the rows by `projectCode` (ledger-order.ts). */
export function ledgerPlaces(projects: readonly { id: string; code: string }[]): LedgerPlace[] {
  const entries: { id: string | null; code: string }[] = [...projects, { id: null, code: '' }];
  return textGroups(entries, (e) => e.code).map((group) => ({
    projectIds: group.flatMap((e) => (e.id === null ? [] : [e.id])),
    orphans: group.some((e) => e.id === null),
  }));
}

/** `column` is one of the place's projects (`?`: their ids as JSON), or a project the bureau does not hold. */
function atPlace(column: string, place: LedgerPlace): string {
  const known = `${column} IN (SELECT value FROM json_each(?))`;
  return place.orphans ? `(${known} OR ${column} NOT IN (SELECT id FROM projects))` : known;
}

const projectColumn = (kind: 'visit' | 'problem', alias: string) => `${alias}"${FOLD_TABLES[kind].columns.projectId}"`;

/**
 * The visits or problems of a place, whole, by id (as listFolded), each with its recorder replaced by the
 * signing officer's name as recorders.ts does (withSigningRecorder): that name read in the same statement.
 */
export function recordsAt<T extends Visit | Problem>(db: SqliteDatabase, kind: 'visit' | 'problem', place: LedgerPlace): T[] {
  const { table } = FOLD_TABLES[kind];
  const field = recorderOf(kind)!;
  const sql =
    `SELECT ${selectList(kind, 'bureau', { alias: 't' })}, o.name AS "__signer" FROM ${table} t LEFT JOIN officers o ON o.id = t.officer_id ` +
    `WHERE ${atPlace(projectColumn(kind, 't.'), place)} ORDER BY t.id`;
  const rows = db.prepare(sql).all(JSON.stringify(place.projectIds)) as ({ __signer: string | null } & Record<string, unknown>)[];
  return rows.map(({ __signer, ...record }) => (__signer === null ? record : { ...record, [field]: __signer }) as T);
}

/** The steps of a place's problems, whole, by id (as listFolded). */
export function stepsAt(db: SqliteDatabase, place: LedgerPlace): ProblemEvent[] {
  const { table, columns } = FOLD_TABLES.problem_event;
  const sql =
    `SELECT ${selectList('problem_event', 'bureau', { alias: 'e' })} FROM ${table} e WHERE e."${columns.problemId}" IN ` +
    `(SELECT t.id FROM ${FOLD_TABLES.problem.table} t WHERE ${atPlace(projectColumn('problem', 't.'), place)}) ORDER BY e.id`;
  return db.prepare(sql).all(JSON.stringify(place.projectIds)) as ProblemEvent[];
}

/** How many photos each of a place's visits has (visits without one left out). */
export function photoCountsAt(db: SqliteDatabase, place: LedgerPlace): Map<string, number> {
  const { table, columns } = FOLD_TABLES.attachment;
  const sql =
    `SELECT a."${columns.ownerId}" AS id, count(*) AS n FROM ${table} a WHERE a."${columns.ownerKind}" = 'visit' AND a."${columns.ownerId}" IN ` +
    `(SELECT t.id FROM ${FOLD_TABLES.visit.table} t WHERE ${atPlace(projectColumn('visit', 't.'), place)}) GROUP BY a."${columns.ownerId}"`;
  const rows = db.prepare(sql).all(JSON.stringify(place.projectIds)) as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** How many records of a kind the bureau holds (the length of a sheet made a place at a time). */
export function countOf(db: SqliteDatabase, kind: FoldEntity): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${FOLD_TABLES[kind].table}`).get() as { n: number }).n;
}
