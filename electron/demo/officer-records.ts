import type { ChangeEntity } from '@shared/packets/weekly.js';
import type { VisitKind } from '@shared/domain/index.js';
import { addDays } from '@shared/rules/index.js';
import { nameBasedId } from '../bureau/ids.js';
import type { BureauMilestone, BureauProject } from '../bureau/repository.js';
import { seededRandom } from './seeded-random.js';

/**
 * What the demo district's officers have typed into their own desks over the year (demo-packets.ts sends it in
 * their weekly packets): for each project the monthly completed investment from January through the as-of
 * month, adding up exactly to the master list's 1–N月累计 (so once it takes over from the bureau's figure,
 * shared/rules/bureau-figure.ts, every district figure stays as it was, and the monthly chart climbs month by
 * month); sponsor actions (走访, 会议, 电话, 协调) over the months on most projects; and the milestones reached
 * (开工建设, 入库纳统, a few 竣工投产) whose days have passed. Deterministic: one seed, dates from `lastDay`.
 */
export interface DemoRecord {
  entity: ChangeEntity;
  record: { id: string; recordedAt: string } & Record<string, unknown>;
}

/** A moment of the district's day (Beijing time, as the district's desks keep it), as the records store it. */
export const districtMoment = (day: string, hour: number, minute = 0): string =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+08:00`).toISOString();

const id = (name: string) => nameBasedId(`demo-district:${name}`);

/** Whole 万元 that add up exactly to `total`, proportional to `weights` (the last month takes the rounding). */
function splitWhole(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const parts = weights.map((w) => Math.floor((total * w) / sum));
  parts[parts.length - 1]! += total - parts.reduce((s, v) => s + v, 0);
  return parts;
}

const VISITS: Record<VisitKind, { summary: string; findings: string; followUps: string }[]> = {
  site_visit: [
    { summary: '到项目现场查看建设进度，了解设备进场和施工人员到岗情况', findings: '主体施工按计划推进', followUps: '' },
    { summary: '现场走访企业负责人，核实当月完成投资和形象进度', findings: '完成投资与报表一致', followUps: '下月初核对统计报表' },
    { summary: '陪同帮包领导现场调研，听取企业关于要素保障的诉求', findings: '企业反映施工用电负荷紧张', followUps: '与供电公司对接增容方案' },
  ],
  meeting: [
    { summary: '参加项目推进调度会，通报本月进度和存在问题', findings: '', followUps: '按会议分工跟进落实' },
    { summary: '组织企业与相关部门召开手续办理对接会', findings: '规划许可资料需补正', followUps: '督促企业一周内补齐资料' },
  ],
  call: [
    { summary: '电话联系企业项目经理，了解本周施工安排', findings: '', followUps: '' },
    { summary: '电话督促企业按时报送月度投资统计数据', findings: '', followUps: '' },
  ],
  coordination: [
    { summary: '协调区自然资源局、住建局现场解决施工临时用地问题', findings: '临时用地手续已受理', followUps: '跟踪办结时限' },
    { summary: '协调供电、供水单位落实项目配套接入时间表', findings: '', followUps: '月底前完成接入' },
  ],
};
const VISIT_KINDS: readonly VisitKind[] = ['site_visit', 'site_visit', 'site_visit', 'coordination', 'meeting', 'call', 'call'];

export interface DemoRecordsInput {
  projects: readonly BureauProject[];
  milestones: readonly BureauMilestone[];
  officerNames: ReadonlyMap<string, string>;
  /** YYYY-MM: the master list's month; the officers' monthly figures run January through it. */
  asOfMonth: string;
  /** The last day the officers' records may carry (the day before the demo's today). */
  lastDay: string;
}

/** Every officer's records, by officer id, each with the moment it was typed (the packets carry them in that order). */
export function demoOfficerRecords({ projects, milestones, officerNames, asOfMonth, lastDay }: DemoRecordsInput): Map<string, DemoRecord[]> {
  const next = seededRandom(1153);
  const byOfficer = new Map<string, DemoRecord[]>();
  const push = (officerId: string, r: DemoRecord) => (byOfficer.get(officerId) ?? byOfficer.set(officerId, []).get(officerId)!).push(r);
  const year = asOfMonth.slice(0, 4);
  const months = Number(asOfMonth.slice(5, 7));
  const milestonesOf = new Map<string, BureauMilestone[]>();
  for (const m of milestones) (milestonesOf.get(m.projectId) ?? milestonesOf.set(m.projectId, []).get(m.projectId)!).push(m);

  projects.forEach((p, n) => {
    const officer = p.officerId!;
    const by = officerNames.get(officer)!;
    const start = milestonesOf.get(p.id)?.find((m) => m.kind === 'construction_start')?.plannedOn ?? `${year}-03-01`;
    const startMonth = start.startsWith(year) ? Number(start.slice(5, 7)) : 1;

    // Monthly figures: a slow start before construction, most of the money from spring to autumn. Typed on the
    // 18th–21st of each month, so the as-of month's figure is in a packet sent within a week of the month's end.
    const weights = Array.from({ length: months }, (_, m) => (m + 1 < startMonth ? 0.3 : 0.7 + Math.sin((Math.PI * (m + 1)) / 13)) * (0.7 + next() * 0.6));
    splitWhole(p.bureauCompleted?.amount ?? 0, weights).forEach((amount, m) => {
      const month = `${year}-${String(m + 1).padStart(2, '0')}`;
      const day = `${month}-${18 + (n % 4)}`;
      if (next() < 0.05) {
        // A figure typed, then corrected from the enterprise's statistics report: the later entry is the month's.
        const first = Math.max(0, amount + Math.round((next() - 0.5) * amount * 0.4));
        push(officer, {
          entity: 'investment_entry',
          record: {
            id: id(`inv:${p.code}:${month}:first`),
            projectId: p.id,
            month,
            amount: first,
            recordedAt: districtMoment(addDays(day, -6), 16),
            recordedBy: by,
          },
        });
      }
      push(officer, {
        entity: 'investment_entry',
        record: { id: id(`inv:${p.code}:${month}`), projectId: p.id, month, amount, recordedAt: districtMoment(day, 16, 30), recordedBy: by },
      });
    });

    // Sponsor actions: about 1.3 a project over a whole year, on four projects in five, on days up to `lastDay`.
    const count = next() < 0.2 ? 0 : 1 + Math.floor(next() * 2.4);
    for (let k = 0; k < count; k++) {
      const visitedOn = addDays(`${year}-01-06`, Math.floor(next() * 340));
      const kind = VISIT_KINDS[Math.floor(next() * VISIT_KINDS.length)]!;
      const text = VISITS[kind][Math.floor(next() * VISITS[kind].length)]!;
      if (visitedOn > lastDay) continue;
      const participants = kind === 'call' ? by : `${by}、${p.sponsoringLeader}、${p.sponsoringUnit}`;
      push(officer, {
        entity: 'visit',
        record: {
          id: id(`visit:${p.code}:${k}`),
          projectId: p.id,
          visitedOn,
          kind,
          participants,
          ...text,
          recordedAt: districtMoment(visitedOn, 18),
          recordedBy: by,
        },
      });
    }

    // Milestones reached, a few days either side of the plan, reported within three days, when that has passed.
    const started = p.stage !== 'preliminary_approval' && p.stage !== 'factor_guarantee';
    for (const m of milestonesOf.get(p.id) ?? []) {
      const due =
        m.kind === 'construction_start'
          ? started
          : m.kind === 'statistics_enrolment'
            ? started && next() < 0.85
            : m.kind === 'production_start' && (p.stage === 'production_start' || next() < 0.6);
      if (!due || !m.plannedOn) continue;
      // A project already producing (its stage says so) reached it ahead of plan, some weeks ago.
      const planned = m.kind === 'production_start' && p.stage === 'production_start' && m.plannedOn > lastDay ? addDays(lastDay, -20 - (n % 30)) : m.plannedOn;
      const reachedOn = addDays(planned, Math.floor(next() * 12) - 3);
      const reportedOn = addDays(reachedOn, Math.floor(next() * 3));
      if (reportedOn > lastDay) continue;
      push(officer, {
        entity: 'milestone_report',
        record: { id: id(`milestone:${m.id}`), milestoneId: m.id, reachedOn, note: '', recordedAt: districtMoment(reportedOn, 17), recordedBy: by },
      });
    }
  });
  for (const records of byOfficer.values()) records.sort((a, b) => a.record.recordedAt.localeCompare(b.record.recordedAt));
  return byOfficer;
}
