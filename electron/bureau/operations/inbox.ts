import type { BureauConflict } from '@shared/operations/bureau-inbox.js';
import type { HandlerGroup } from '../../handlers/registry.js';
import type { BureauContext } from '../context.js';
import { listConflicts } from '../fold.js';
import { expandIngestPaths } from '../ingest.js';
import { previewPackets } from '../fold-preview.js';
import { fileFrom } from '../page-files.js';
import { writeReceipt } from '../receipt.js';
import { refuseWhileJobRuns } from './jobs.js';
import { listBureauProjects, listOfficers } from '../repository.js';

/** The kept conflicts, newest first, with the officer, the packet and the project each belongs to. */
function conflictsWithBothVersions(ctx: BureauContext): BureauConflict[] {
  const officers = new Map(listOfficers(ctx.db).map((o) => [o.id, o.name]));
  const projects = new Map(listBureauProjects(ctx.db, { includeArchived: true }).map((p) => [p.id, { code: p.code, name: p.name }]));
  const packet = ctx.db.prepare('SELECT sequence, file_name AS fileName FROM received_packets WHERE packet_id = ?');
  // A step or a close-off names its problem or task, which names the project.
  const viaProblem = ctx.db.prepare('SELECT project_id AS id FROM problems WHERE id = ?').pluck();
  const viaItem = ctx.db.prepare('SELECT project_id AS id FROM checklist_items WHERE id = ?').pluck();
  const projectOf = (r: Record<string, unknown>): unknown =>
    r.projectId ?? (r.problemId ? viaProblem.get(r.problemId) : undefined) ?? (r.itemId ? viaItem.get(r.itemId) : undefined);
  return listConflicts(ctx.db)
    .reverse()
    .map((c) => {
      const existing = (c.existing ?? {}) as Record<string, unknown>;
      const incoming = (c.incoming ?? {}) as Record<string, unknown>;
      const from = packet.get(c.packetId) as { sequence: number; fileName: string } | undefined;
      const projectId = String(projectOf(incoming) ?? projectOf(existing) ?? '');
      return {
        ...c,
        officerName: officers.get(c.officerId) ?? c.officerId,
        packetSequence: from?.sequence ?? null,
        packetFileName: from?.fileName ?? null,
        project: projects.get(projectId) ?? null,
        existing,
        incoming,
      };
    });
}

/** The inbox (收件箱): the preview of a fold, the conflicts kept, a fold's receipt. */
export const inboxHandlers: HandlerGroup<'bureau.inbox.preview' | 'bureau.inbox.conflicts' | 'bureau.inbox.writeReceipt'> = {
  'bureau.inbox.preview': ({ paths, requireRegisteredKeys }, ctx) => {
    // A fold running in a worker holds the database's write lock: its outcome would change what the preview says.
    refuseWhileJobRuns(ctx, 'a preview');
    return previewPackets(ctx, expandIngestPaths(paths.map((p) => fileFrom(ctx, p, 'any', 'paths'))), { requireRegisteredKeys });
  },
  'bureau.inbox.conflicts': (_input, ctx) => conflictsWithBothVersions(ctx),
  'bureau.inbox.writeReceipt': (input, ctx) => writeReceipt(ctx, input),
};
