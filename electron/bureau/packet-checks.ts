import type { WeeklyChange } from '@shared/packets/weekly.js';
import { entryOf, parentOf, projectsOfSql, type RecordKind } from '@shared/records/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { checkNotFuture, createAuthorizer, projectMemo, projectOfParent, type PacketFacts, type ParentProject, type ProjectFacts } from './authorize.js';
import { recordIllegalSteps, stepsBefore } from './problem-steps.js';
import type { FoldLookup } from './fold.js';
import { bureauTimeZone } from './time-zone.js';

/**
 * The checks ingest makes on one packet's records inside its fold transaction (docs/bureau.md "Whose records
 * a packet may carry"): each record only on the sender's projects and not dated after the packet
 * (authorize.ts), and afterwards every problem step the packet made illegal reported and kept
 * (problem-steps.ts). A record the bureau already holds unchanged is not checked again: it changes nothing,
 * and refusing a packet for it would only block the records after it.
 */

export type IngestWarning = { code: string; params: Record<string, string | number> };

export interface PacketChecks {
  /** Right before a record's fold: throws the refusal for a record the packet may not carry; notes a former officer's records once per project. */
  check(change: WeeklyChange, warnings: IngestWarning[], lookup: FoldLookup): void;
  /** The bureau's project of that id (read once per packet: the fold does not change projects). */
  project(id: string): ProjectFacts | undefined;
  /** Whether the bureau holds a record of `kind` (not a project) with that id: the parent a record refers to. */
  holds(kind: RecordKind, id: string): boolean;
  /** After the fold: the problem steps that became illegal, kept in `conflicts` and named in the receipt. */
  finish(warnings: IngestWarning[]): void;
}

/**
 * The projects a packet's records name by projectId, read in one query before its fold (issue 11: one query
 * per project was a large part of ingest); any other id (a parent's project) read once when first asked.
 */
function packetProjects(db: SqliteDatabase, changes: readonly WeeklyChange[]): (id: string) => ProjectFacts | undefined {
  const ids = new Set<string>();
  for (const c of changes) {
    const projectId = (c.record as { projectId?: unknown }).projectId;
    if (typeof projectId === 'string') ids.add(projectId);
  }
  const rows = db
    .prepare('SELECT id, code, name, officer_id AS officerId FROM projects WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...ids])) as ProjectFacts[];
  const named = new Map(rows.map((row) => [row.id, row]));
  const others = projectMemo(db);
  return (id) => named.get(id) ?? others(id);
}

/**
 * The other parents a packet's records hang on (a checklist item, a milestone, a problem, an attachment's
 * owner), each with its project, read with one query per kind before the fold (issue 11: two queries per
 * record were a large part of ingest). Rows are never removed or moved during a fold, so what this read
 * found stays true; a parent it did not find (one the packet itself carries, folded before its children)
 * is looked up on its own when asked, as before.
 */
function packetParents(
  db: SqliteDatabase,
  changes: readonly WeeklyChange[],
): { holds: PacketChecks['holds']; projectOf: ParentProject; folding(kind: RecordKind, id: string): void } {
  const ids = new Map<RecordKind, Set<string>>();
  for (const c of changes) {
    const record = c.record as Record<string, unknown>;
    const link = parentOf(c.entity, record);
    const id = link && record[link.field];
    if (!link || link.parent === 'project' || typeof id !== 'string') continue;
    ids.set(link.parent, (ids.get(link.parent) ?? new Set<string>()).add(id));
  }
  const found = new Map<string, string | null>();
  for (const [kind, set] of ids) {
    const rows = db.prepare(projectsOfSql(kind)).all(JSON.stringify([...set])) as { id: string; p: string | null }[];
    for (const row of rows) found.set(`${kind}\0${row.id}`, row.p);
  }
  const single = projectOfParent(db);
  const folded = new Set<string>();
  return {
    holds: (kind, id) =>
      found.has(`${kind}\0${id}`) || folded.has(`${kind}\0${id}`) || db.prepare(`SELECT 1 FROM ${entryOf(kind).table} WHERE id = ?`).get(id) !== undefined,
    // A record of the packet about to be folded: held from then on, whatever the fold decides (new, duplicate or conflict).
    folding: (kind, id) => folded.add(`${kind}\0${id}`),
    projectOf: (kind, id) => {
      const project = found.get(`${kind}\0${String(id)}`);
      return project === undefined ? single(kind, id) : project;
    },
  };
}

export function createPacketChecks(
  db: SqliteDatabase,
  packet: PacketFacts & { packetId: string; receivedAt: string },
  changes: readonly WeeklyChange[],
): PacketChecks {
  const project = packetProjects(db, changes);
  const parents = packetParents(db, changes);
  const authorize = createAuthorizer(db, packet, project, parents.projectOf);
  const zone = bureauTimeZone(db);
  const touched = new Set(changes.flatMap((c) => (c.entity === 'problem_event' ? [String((c.record as { problemId: string }).problemId)] : [])));
  const before = stepsBefore(db, touched);
  return {
    project,
    holds: parents.holds,
    check(change, warnings, lookup) {
      // Checked right before its fold; if this throws, the packet is refused and nothing of it is held.
      parents.folding(change.entity, change.recordId);
      if (lookup.existing && lookup.held === lookup.incoming) return;
      checkNotFuture(change, packet.createdAt, zone);
      const former = authorize(change);
      if (former !== null && !warnings.some((w) => w.code === 'project_not_assigned' && w.params.code === former)) {
        warnings.push({ code: 'project_not_assigned', params: { code: former } });
      }
    },
    finish(warnings) {
      for (const step of recordIllegalSteps(db, before, { officerId: packet.officerId, packetId: packet.packetId, at: packet.receivedAt })) {
        warnings.push({ code: 'problem_step_illegal', params: { id: step.eventId, problem: step.problemId, action: step.action, status: step.status } });
      }
    },
  };
}
