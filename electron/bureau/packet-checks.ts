import type { WeeklyChange } from '@shared/packets/weekly.js';
import { fromRow, selectSql } from '@shared/records/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { checkNotFuture, createAuthorizer, projectMemo, type PacketFacts } from './authorize.js';
import { recordIllegalSteps, stepsBefore } from './problem-steps.js';
import type { FoldLookup } from './fold.js';
import type { BureauProject } from './repository.js';
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
  /** Throws the refusal for a record the packet may not carry; notes a former officer's records once per project. */
  check(change: WeeklyChange, warnings: IngestWarning[], lookup: FoldLookup): void;
  /** The bureau's project of that id (read once per packet: the fold does not change projects). */
  project(id: string): BureauProject | undefined;
  /** After the fold: the problem steps that became illegal, kept in `conflicts` and named in the receipt. */
  finish(warnings: IngestWarning[]): void;
}

/**
 * The projects a packet's records name by projectId, read in one query before its fold (issue 11: one query
 * per project was a large part of ingest); any other id (a parent's project) read once when first asked.
 */
function packetProjects(db: SqliteDatabase, changes: readonly WeeklyChange[]): (id: string) => BureauProject | undefined {
  const ids = new Set<string>();
  for (const c of changes) {
    const projectId = (c.record as { projectId?: unknown }).projectId;
    if (typeof projectId === 'string') ids.add(projectId);
  }
  const rows = db.prepare(selectSql('project', 'bureau', 'WHERE id IN (SELECT value FROM json_each(?))', { state: true })).all(JSON.stringify([...ids]));
  const named = new Map((rows as Record<string, unknown>[]).map((row) => [String(row.id), fromRow<BureauProject>('project', row)]));
  const others = projectMemo(db);
  return (id) => named.get(id) ?? others(id);
}

export function createPacketChecks(
  db: SqliteDatabase,
  packet: PacketFacts & { packetId: string; receivedAt: string },
  changes: readonly WeeklyChange[],
): PacketChecks {
  const project = packetProjects(db, changes);
  const authorize = createAuthorizer(db, packet, project);
  const zone = bureauTimeZone(db);
  const touched = new Set(changes.flatMap((c) => (c.entity === 'problem_event' ? [String((c.record as { problemId: string }).problemId)] : [])));
  const before = stepsBefore(db, touched);
  return {
    project,
    check(change, warnings, lookup) {
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
