import type { Attachment, Visit } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';
import { localDay } from '@shared/rules/index.js';
import type { SqliteDatabase } from '../store/database.js';
import { getProject } from '../store/repositories/projects.js';
import { insertAttachment, insertVisit } from '../store/repositories/visits.js';
import { assertNotFuture, requireOfficer } from './checklist.js';
import { newId } from '../store/ids.js';
import { attachmentRow, preparePhoto, storeFilesThen, type PreparedFile } from '../files/photo-store.js';
import type { HandlerGroup } from './registry.js';
import { storeTimeZone } from '../store/time-zone.js';

function loadOpenProject(db: SqliteDatabase, projectId: string) {
  const project = getProject(db, projectId);
  if (!project) throw new AppError('not_found', `project ${projectId} not found`, { what: 'project', id: projectId });
  if (project.archivedAt !== null) {
    throw new AppError('invalid_input', `project ${projectId} was withdrawn by the bureau`, { reason: 'project_withdrawn', id: projectId });
  }
  return project;
}

export const visitHandlers: HandlerGroup<'visits.log'> = {
  'visits.log': async (input, ctx) => {
    const officer = requireOfficer(ctx);
    const today = localDay(ctx.now(), storeTimeZone(ctx.db));
    loadOpenProject(ctx.db, input.projectId);
    assertNotFuture(input.visitedOn, today, 'visitedOn');

    // One photo at a time, so memory holds one decoded image, not twenty.
    const files: PreparedFile[] = [];
    for (const photo of input.photos) files.push(await preparePhoto(photo));

    return storeFilesThen(ctx, files, () =>
      ctx.db.transaction(() => {
        loadOpenProject(ctx.db, input.projectId);
        const recordedAt = ctx.now().toISOString();
        const visit: Visit = {
          id: newId(),
          projectId: input.projectId,
          visitedOn: input.visitedOn,
          kind: input.kind,
          participants: input.participants,
          summary: input.summary,
          findings: input.findings,
          followUps: input.followUps,
          recordedAt,
          recordedBy: officer.name,
        };
        insertVisit(ctx.db, visit);
        const photos: Attachment[] = files.map((file) => attachmentRow(file, { ownerKind: 'visit', ownerId: visit.id }, recordedAt));
        for (const photo of photos) insertAttachment(ctx.db, photo);
        return { ...visit, photos };
      })(),
    );
  },
};
