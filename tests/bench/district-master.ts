import type { MasterCells } from '../../electron/demo/bureau-samples.js';
import type { FixtureChange } from '../fixtures/bureau/weekly-packet.js';

/** A synthetic district master list for the benches: `officers` × `perOfficer` projects, mixed levels, 12 leaders, 14 units. */
export function districtMasterRows(officers: number, perOfficer: number): MasterCells[] {
  const rows: MasterCells[] = [];
  for (let o = 0; o < officers; o++) {
    for (let p = 0; p < perOfficer; p++) {
      const n = o * perOfficer + p;
      rows.push({
        code: `GX-2026-${String(n + 1).padStart(4, '0')}`,
        name: `重点项目${n + 1}`,
        company: `企业${n + 1}`,
        level: n % 10 < 3 ? (n % 2 ? '省级' : '市级') : '区级',
        industry: '锂电新能源',
        planYear: 2026,
        annualPlannedInvestment: 5000 + (n % 37) * 500,
        sponsoringLeader: `领导${(n % 12) + 1}`,
        sponsoringUnit: `帮包单位${(n % 14) + 1}`,
        officerName: `责任人${o + 1}`,
        officerUnit: `单位${o + 1}`,
        stage: '建设',
        checklist: '产业项目',
        milestones: '开工建设:2026-03-01;入库纳统:2026-05-01;竣工投产:2026-12-20;达产达效:2027-06-30',
      });
    }
  }
  return rows;
}

/** A site visit by `by` on `day`, as a weekly packet carries it. */
export function siteVisitChange(id: string, projectId: string, day: string, by: string, summary: string, recordedAt: string): FixtureChange {
  return {
    entity: 'visit',
    record: { id, projectId, visitedOn: day, kind: 'site_visit', participants: by, summary, findings: '', followUps: '', recordedAt, recordedBy: by },
  };
}

/** A land problem raised by `by` on `day` and its dispatch to 区自然资源局, as a weekly packet carries them. */
export function dispatchedProblemChanges(
  ids: { problem: string; dispatch: string },
  problem: { projectId: string; category: string; description: string },
  day: string,
  by: string,
  at: string,
): FixtureChange[] {
  return [
    {
      entity: 'problem',
      record: {
        id: ids.problem,
        ...problem,
        responsibleDepartment: '区自然资源局',
        coordinatingLeader: '领导',
        dueOn: '2026-12-31',
        origin: 'officer',
        raisedOn: day,
        raisedBy: by,
        recordedAt: at,
      },
    },
    {
      entity: 'problem_event',
      record: {
        id: ids.dispatch,
        problemId: ids.problem,
        action: 'dispatch',
        at,
        by,
        origin: 'officer',
        note: '',
        department: '区自然资源局',
        resolution: null,
      },
    },
  ];
}
