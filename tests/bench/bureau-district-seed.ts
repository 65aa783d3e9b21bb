import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openBureau, type BureauContext } from '../../electron/bureau/context.js';
import { foldRecord, insertBureauRecord, lookupFold } from '../../electron/bureau/fold.js';
import { nameBasedId } from '../../electron/bureau/ids.js';
import { importMasterList } from '../../electron/bureau/import-master.js';
import { initBureau } from '../../electron/bureau/init.js';
import { listBureauProjects } from '../../electron/bureau/repository.js';
import { masterListWorkbook } from '../../electron/demo/bureau-samples.js';
import { seededRandom } from '../../electron/demo/seeded-random.js';
import { districtMasterRows } from './district-master.js';

/**
 * A bureau database at district scale for the render benches, from the desk's own functions where they are
 * fast enough: the master list imported (20 officers × 50 projects), then, seeded (mulberry32), monthly
 * investment entries and site visits folded as an officer's packet folds them, and `problems` problems the
 * bureau raised, most of them moved along the loop (dispatch, resolve, verify and close) and some overdue.
 */
const CATEGORIES = ['land', 'capital', 'approval', 'energy_quota', 'power_water', 'labour', 'policy', 'other'] as const;
const DEPARTMENTS = ['区自然资源局', '区财政局', '区行政审批服务局', '区发展和改革局', '区住房和城乡建设局', '区生态环境分局'];

export interface BureauDistrictSize {
  officers: number;
  perOfficer: number;
  problems: number;
  /** Months of investment entries from January (one entry per project and month). */
  months: number;
}

export function seedBureauDistrict(dir: string, now: Date, size: BureauDistrictSize): { dbPath: string; ctx: BureauContext; counts: Record<string, number> } {
  const dbPath = join(dir, 'bureau.sqlite');
  initBureau(dbPath, { name: '基准区经济发展局重点项目办', now: () => now });
  const ctx = openBureau(dbPath, () => now);
  const master = join(dir, 'master.xlsx');
  writeFileSync(master, masterListWorkbook(districtMasterRows(size.officers, size.perOfficer), 2026));
  importMasterList(ctx, master, { defaultYear: 2026 });
  const projects = listBureauProjects(ctx.db);
  const next = seededRandom(12);
  const at = (day: string) => `${day}T02:00:00.000Z`;
  const counts = { projects: projects.length, investment: 0, visits: 0, problems: 0, problemSteps: 0 };
  const fold = (entity: 'investment_entry' | 'visit', record: { id: string }, officerId: string, day: string) =>
    foldRecord(ctx.db, entity, record, { officerId, packetId: `bench-${officerId}`, at: at(day) }, lookupFold(ctx.db, entity, record));

  ctx.db.transaction(() => {
    for (const p of projects) {
      const plan = p.annualPlannedInvestment;
      for (let m = 1; m <= size.months; m++) {
        const month = `2026-${String(m).padStart(2, '0')}`;
        const day = `${month}-25`;
        // Each month near a twelfth of the plan, some projects running ahead, some behind.
        const amount = Math.round((plan / 12) * (0.5 + next() * 1.1));
        const entry = { id: nameBasedId(`bench:${p.id}:${month}`), projectId: p.id, month, amount, recordedAt: at(day), recordedBy: 'bench' };
        fold('investment_entry', entry, p.officerId, day);
        counts.investment++;
        if (next() < 0.5) {
          const record = {
            id: nameBasedId(`bench:visit:${p.id}:${month}`),
            projectId: p.id,
            visitedOn: day,
            kind: 'site_visit',
            participants: '责任人',
            summary: '现场查看项目建设进度',
            findings: '',
            followUps: '',
            recordedAt: at(day),
            recordedBy: 'bench',
          };
          fold('visit', record, p.officerId, day);
          counts.visits++;
        }
      }
    }
    for (let i = 0; i < size.problems; i++) {
      const p = projects[Math.floor(next() * projects.length)]!;
      const raisedOn = `2026-${String(1 + Math.floor(next() * 10)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
      const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
      const id = nameBasedId(`bench:problem:${i}`);
      const dueOn = `2026-${String(3 + Math.floor(next() * 10)).padStart(2, '0')}-15`;
      insertBureauRecord(ctx, 'problem', {
        id,
        projectId: p.id,
        category: CATEGORIES[i % CATEGORIES.length],
        description: `问题${i + 1}：${department}牵头协调`,
        responsibleDepartment: department,
        coordinatingLeader: p.sponsoringLeader,
        dueOn,
        origin: 'bureau',
        raisedOn,
        raisedBy: '重点项目办',
        recordedAt: at(raisedOn),
      });
      counts.problems++;
      const depth = Math.floor(next() * 5); // 0 raised … 3 resolved, 4 closed
      const steps: [string, Record<string, string | null>][] = [
        ['dispatch', { department, resolution: null }],
        ['coordinate', { department: null, resolution: null }],
        ['resolve', { department: null, resolution: '已协调办理' }],
        ['verify_close', { department: null, resolution: null }],
      ];
      steps.slice(0, depth).forEach(([action, extra], k) => {
        const stepAt = at(raisedOn).replace('T02', `T0${3 + k}`);
        insertBureauRecord(ctx, 'problem_event', {
          id: nameBasedId(`bench:step:${i}:${k}`),
          problemId: id,
          action,
          at: stepAt,
          recordedAt: stepAt,
          by: '重点项目办',
          origin: 'bureau',
          note: '',
          ...extra,
        });
        counts.problemSteps++;
      });
    }
  })();
  return { dbPath, ctx, counts };
}
