import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../../electron/store/database.js';
import { insertInvestmentEntry } from '../../electron/store/repositories/investment.js';
import { insertProblem, insertProblemEvent } from '../../electron/store/repositories/problems.js';
import { insertVisit } from '../../electron/store/repositories/visits.js';

/**
 * `count` officer records through the repositories (each with its change-log row), in one transaction:
 * two visits, one investment entry and one problem with its dispatch event in every five changes, spread
 * over the projects in turn. What a weekly packet carries, for the jobs tests and the sync bench.
 */
export function seedOfficerChanges(db: SqliteDatabase, projectIds: readonly string[], by: string, count: number): void {
  const at = '2026-11-20T02:00:00.000Z';
  db.transaction(() => {
    let n = 0;
    while (n < count) {
      const projectId = projectIds[n % projectIds.length]!;
      const kind = n % 5;
      if (kind <= 1) {
        insertVisit(db, {
          id: randomUUID(),
          projectId,
          visitedOn: '2026-11-20',
          kind: 'site_visit',
          participants: `${by}、企业负责人`,
          summary: `现场查看施工进度 ${n}`,
          findings: '施工正常',
          followUps: '',
          recordedAt: at,
          recordedBy: by,
        });
        n += 1;
      } else if (kind === 2) {
        insertInvestmentEntry(db, {
          id: randomUUID(),
          projectId,
          month: `2026-${String(1 + (n % 10)).padStart(2, '0')}`,
          amount: 100 + (n % 97),
          recordedAt: at,
          recordedBy: by,
        });
        n += 1;
      } else {
        const problemId = randomUUID();
        insertProblem(db, {
          id: problemId,
          projectId,
          category: 'other',
          description: `问题 ${n}`,
          responsibleDepartment: '区发改局',
          coordinatingLeader: '',
          dueOn: '2026-12-31',
          origin: 'officer',
          raisedOn: '2026-11-20',
          raisedBy: by,
          recordedAt: at,
        });
        insertProblemEvent(db, {
          id: randomUUID(),
          problemId,
          action: 'dispatch',
          at,
          by,
          origin: 'officer',
          note: '',
          department: '区发改局',
          resolution: null,
        });
        n += 2;
      }
    }
  })();
}
