import { AppError } from '@shared/errors.js';
import type { WeeklyChange } from '@shared/packets/weekly.js';
import type { SqliteDatabase } from '../store/database.js';
import { parentOf, projectOfSql, type RecordKind } from '@shared/records/index.js';
import { getBureauProject, getOfficer, type BureauProject } from './repository.js';
import { localDay } from '@shared/rules/local-time.js';

/**
 * Whose records a packet may carry (issue 9, point 1; docs/bureau.md "Whose records a packet may carry").
 * A packet signed by officer X may carry a record on project P when
 * - P is X's now (the current officer may send records of any date, so a desk set up mid-year receives the
 *   months before it), or
 * - an assignment once handed P to X, and the record was made before X's app let go of P. An assignment that
 *   no longer lists P takes it away when X's app applies it, which the bureau learns from X's packets (each
 *   says which assignment its store applied): the moment is the creation of X's first packet that reports
 *   having applied it. Until such a packet arrives X still holds P on their desk (a file lost or late on the
 *   way must not turn an honest week's work into a refusal that would repeat with every later packet).
 * Anything else refuses the whole packet. Every date and month of a record must also lie before the
 * packet's own date plus one day of clock slack.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PacketFacts {
  officerId: string;
  /** The manifest's createdAt: the packet's own date, by the officer's clock. */
  createdAt: string;
  /** The assignment sequence the sender's store had applied when it wrote the packet. */
  appliedAssignmentSequence: number;
}

/** A packet refused for `reason`: nothing of it is folded. */
export function refusal(reason: string, message: string, params: Record<string, string | number> = {}): AppError {
  return new AppError('packet_invalid', message, { reason, ...params });
}

/** Records which projects an assignment file listed (call in the transaction that records the assignment). */
export function recordAssignedProjects(db: SqliteDatabase, officerId: string, sequence: number, projectIds: readonly string[]): void {
  const insert = db.prepare('INSERT OR IGNORE INTO assignment_projects (officer_id, sequence, project_id) VALUES (?, ?, ?)');
  for (const id of projectIds) insert.run(officerId, sequence, id);
}

/** How the project of a record's parent is found: `projectOfParent`, or a packet's batch read (packet-checks.ts). */
export type ParentProject = (parent: RecordKind, id: unknown) => string | null;

/** The project of a parent record, read from the database (null: no such parent, or none of its ancestors names a project). */
export const projectOfParent =
  (db: SqliteDatabase): ParentProject =>
  (parent, id) =>
    (db.prepare(projectOfSql(parent)).get(id) as { p: string } | undefined)?.p ?? null;

/** The project a record is about: its own, or its parent's (the fold order puts parents in place first). */
function projectOfChange(change: WeeklyChange, parentProject: ParentProject): string | null {
  const record = change.record as Record<string, unknown>;
  if (typeof record.projectId === 'string') return record.projectId;
  const link = parentOf(change.entity, record);
  return link ? parentProject(link.parent, record[link.field]) : null;
}

/** When the record was made: its own timestamp, or the change log's for a record without one (an officer's checklist item). */
function madeAt(change: WeeklyChange): string {
  const record = change.record as Record<string, unknown>;
  if (typeof record.recordedAt === 'string') return record.recordedAt;
  if (typeof record.at === 'string') return record.at;
  return change.recordedAt;
}

/** What a packet's date allows: the last moment (ms, and as `toISOString` writes it) and the district's last day. */
interface DateLimit {
  createdAt: string;
  zone: string;
  ms: number;
  iso: string | null;
  day: string;
}

/** The same for every record of a packet (they are checked one after another), so the last one is remembered. */
let lastLimit: DateLimit | null = null;
function dateLimitOf(packetCreatedAt: string, zone: string): DateLimit {
  if (lastLimit?.createdAt === packetCreatedAt && lastLimit.zone === zone) return lastLimit;
  const ms = Date.parse(packetCreatedAt) + DAY_MS;
  const iso = Number.isFinite(ms) ? new Date(ms).toISOString() : null;
  lastLimit = { createdAt: packetCreatedAt, zone, ms, iso, day: localDay(ms, zone) };
  return lastLimit;
}

/**
 * Whether a timestamp lies after the limit. A schema-valid Timestamp (`YYYY-MM-DDTHH:mm:ss[.f…]Z`, a real date,
 * the reader validated every record) that sorts at or before the limit's ISO text as a string is not after it:
 * for these strings the text order is the time order (a longer fraction past the same millisecond is, as
 * Date.parse reads it, the same millisecond). Anything else is decided by Date.parse, as before. Why: ingest
 * checks four timestamps of each of thousands of records (issue 11).
 */
function isAfter(value: string, limit: DateLimit): boolean {
  const utc = value.length >= 20 && value.charCodeAt(10) === 84 /* T */ && value.charCodeAt(value.length - 1) === 90; /* Z */
  if (utc && limit.iso !== null && value <= limit.iso) return false;
  return Date.parse(value) > limit.ms;
}

const TIMESTAMP_FIELDS = ['recordedAt', 'at', 'withdrawnAt'] as const;
const DAY_FIELDS = ['visitedOn', 'effectiveOn', 'reachedOn', 'raisedOn'] as const;

function futureDate(change: WeeklyChange, field: string, value: string, packetCreatedAt: string): AppError {
  return refusal(
    'future_date',
    `${change.entity} ${change.recordId}: ${field} ${value} is after the packet's own date ${packetCreatedAt} (one day of clock slack allowed)`,
    { entity: change.entity, id: change.recordId, field, value, packetDate: packetCreatedAt },
  );
}

/**
 * Refuses a record dated after the packet (plus a day of slack): timestamps, the days it names (visited,
 * closed off, reached, raised) and an investment month. Deadlines (dueOn) look ahead by nature and are not checked.
 * The last day allowed is the district's calendar day (`zone`, the bureau's setting) of that limit, not the UTC day.
 */
export function checkNotFuture(change: WeeklyChange, packetCreatedAt: string, zone: string): void {
  const limit = dateLimitOf(packetCreatedAt, zone);
  const record = change.record as Record<string, unknown>;
  for (const field of TIMESTAMP_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && isAfter(value, limit)) throw futureDate(change, field, value, packetCreatedAt);
  }
  if (typeof change.recordedAt === 'string' && isAfter(change.recordedAt, limit))
    throw futureDate(change, 'change.recordedAt', change.recordedAt, packetCreatedAt);
  for (const field of DAY_FIELDS) {
    const value = record[field];
    if (typeof value === 'string' && value > limit.day) throw futureDate(change, field, value, packetCreatedAt);
  }
  if (change.entity === 'investment_entry' && typeof record.month === 'string' && record.month > limit.day.slice(0, 7)) {
    throw futureDate(change, 'month', record.month, packetCreatedAt);
  }
}

/**
 * The moment officer X's app let go of project P (ms since the epoch), Infinity while X still holds it,
 * or null when no assignment ever handed P to X.
 */
function releaseMoment(db: SqliteDatabase, packet: PacketFacts, projectId: string): number | null {
  const last = (
    db.prepare('SELECT max(sequence) AS s FROM assignment_projects WHERE officer_id = ? AND project_id = ?').get(packet.officerId, projectId) as {
      s: number | null;
    }
  ).s;
  if (last === null) return null;
  const takenBy = (
    db.prepare('SELECT min(sequence) AS s FROM assignments WHERE officer_id = ? AND sequence > ?').get(packet.officerId, last) as { s: number | null }
  ).s;
  if (takenBy === null) return Infinity; // no assignment has taken it away yet
  const moments: number[] = [];
  // Voided packets (a replaced or rejected key's) say nothing about the real officer's store.
  const earliest = db
    .prepare(
      `SELECT min(created_at) AS at FROM received_packets
     WHERE officer_id = ? AND voided_at IS NULL AND json_extract(counts, '$.appliedAssignmentSequence') >= ?`,
    )
    .get(packet.officerId, takenBy) as { at: string | null };
  if (earliest.at !== null) moments.push(Date.parse(earliest.at));
  if (packet.appliedAssignmentSequence >= takenBy) moments.push(Date.parse(packet.createdAt));
  return moments.length > 0 ? Math.min(...moments) : Infinity;
}

/** What the checks need of a project: who holds it, and how a refusal names it. */
export type ProjectFacts = Pick<BureauProject, 'id' | 'code' | 'name' | 'officerId'>;

/** Projects do not change during a packet's fold: a lookup that reads each one once per packet. */
export function projectMemo(db: SqliteDatabase): (id: string) => ProjectFacts | undefined {
  const projects = new Map<string, ProjectFacts | undefined>();
  return (id) => {
    if (!projects.has(id)) projects.set(id, getBureauProject(db, id));
    return projects.get(id);
  };
}

/**
 * A checker for one packet: throws `not_sender_project` (naming the record and the project) for a record the
 * sender may not write; returns null for a record on the sender's own project, or the project's code for a
 * former officer's record on a project handed over since (worth a note in the receipt). `parentProject`: how
 * a record without a projectId finds its parent's (a packet's checks read them in one go).
 */
export function createAuthorizer(
  db: SqliteDatabase,
  packet: PacketFacts,
  projectById: (id: string) => ProjectFacts | undefined,
  parentProject: ParentProject = projectOfParent(db),
): (change: WeeklyChange) => string | null {
  const releases = new Map<string, number | null>();
  return (change) => {
    const projectId = projectOfChange(change, parentProject);
    const project = projectId ? projectById(projectId) : undefined;
    if (!project) return null; // checkChange has refused unknown references already
    if (project.officerId === packet.officerId) return null;
    if (!releases.has(project.id)) releases.set(project.id, releaseMoment(db, packet, project.id));
    const release = releases.get(project.id)!;
    const made = madeAt(change);
    if (release !== null && Date.parse(made) <= release) return project.code;
    const sender = getOfficer(db, packet.officerId);
    const holder = getOfficer(db, project.officerId);
    const why =
      release === null
        ? 'no assignment ever handed it to them'
        : `it was handed over, and their app let go of it at ${new Date(release).toISOString()}, before this record was made (${made})`;
    throw refusal(
      'not_sender_project',
      `${change.entity} ${change.recordId} is on project ${project.code} (${project.name}), which belongs to ${holder?.name ?? project.officerId}, not to the sender ${sender?.name ?? packet.officerId}: ${why}`,
      { entity: change.entity, id: change.recordId, project: project.code, projectId: project.id, officer: holder?.name ?? '', made },
    );
  };
}
