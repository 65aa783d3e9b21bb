import type { MasterCells } from '../../electron/bureau/samples.js';

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
