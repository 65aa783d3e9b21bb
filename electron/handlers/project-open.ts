import type { Project } from '@shared/domain/index.js';
import { AppError } from '@shared/errors.js';

/**
 * Nothing new is recorded on a project the bureau withdrew or handed to another officer (archived by an
 * assignment). The bureau accepts an officer's records on a project handed over only when they were made
 * before the officer's store applied that assignment (docs/bureau.md "Whose records a packet may carry"):
 * a record made afterwards would make it refuse every later packet. Visits and close-offs already refuse.
 */
export function assertProjectOpen(project: Pick<Project, 'id' | 'archivedAt'>): void {
  if (project.archivedAt !== null) {
    throw new AppError('invalid_input', `project ${project.id} was withdrawn by the bureau`, { reason: 'project_withdrawn', id: project.id });
  }
}
