import { z } from 'zod';
import { RecordId } from '../domain/index.js';
import { defineOperations } from './define.js';
import { ProjectDetail, ProjectSummary } from './views.js';

export const projectOperations = defineOperations({
  'projects.list': { input: z.object({ includeArchived: z.boolean().default(false) }), output: z.array(ProjectSummary) },
  'projects.get': { input: z.object({ projectId: RecordId }), output: ProjectDetail },
});
