import type { StateCreator } from 'zustand';
import type { OperationOutput } from '@shared/operations';
import { dayInWeek, localDay, localDateTime, reportingWeek, type ReportingWeek } from '@shared/rules';
import { loadField, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
import type { BureauState } from '../store';

type OfficerStatus = OperationOutput<'bureau.officers.list'>[number];
type OfficerReport = OperationOutput<'bureau.officers.rollCall'>[number];

/** What the roll call loads: the officers (bureau.officers.list) and what each last sent and was sent back. */
export interface RollCallData {
  officers: OfficerStatus[];
  reports: OfficerReport[];
}

/** One row of the roll call (报送情况): an officer, their key, their last packet and assignment, on the district's clock. */
export interface RollCallRow {
  id: string;
  name: string;
  unit: string;
  phone: string;
  projects: number;
  /** 'accepted': a key in force; 'pending': keys wait for a read-back; 'none': no key yet. */
  key: 'accepted' | 'pending' | 'none';
  fingerprint: string | null;
  lastPacketSequence: number | null;
  /** Local date and time in the district's zone. */
  lastPacketAt: string | null;
  lastAssignmentSequence: number;
  lastAssignmentAt: string | null;
  acknowledgedSequence: number | null;
  sentThisWeek: boolean;
}

/** The rows, those who have not sent a packet this reporting week first (whom to call), then by unit and name. */
export function rollCallRows(data: RollCallData, zone: string, week: ReportingWeek): RollCallRow[] {
  const reports = new Map(data.reports.map((r) => [r.officerId, r]));
  const rows = data.officers.map((o): RollCallRow => {
    const r = reports.get(o.id);
    const pending = o.pendingKeys[0]?.fingerprint ?? null;
    return {
      id: o.id,
      name: o.name,
      unit: o.unit,
      phone: o.phone,
      projects: o.projects,
      key: o.keyFingerprint ? 'accepted' : pending ? 'pending' : 'none',
      fingerprint: o.keyFingerprint ?? pending,
      lastPacketSequence: r?.lastPacketSequence ?? null,
      lastPacketAt: r?.lastPacketAt ? localDateTime(r.lastPacketAt, zone) : null,
      lastAssignmentSequence: o.lastAssignmentSequence,
      lastAssignmentAt: r?.lastAssignmentAt ? localDateTime(r.lastAssignmentAt, zone) : null,
      acknowledgedSequence: r?.acknowledgedSequence ?? null,
      sentThisWeek: r?.lastPacketAt ? dayInWeek(week, localDay(r.lastPacketAt, zone)) : false,
    };
  });
  return rows.sort((a, b) => Number(a.sentThisWeek) - Number(b.sentThisWeek) || a.unit.localeCompare(b.unit, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The reporting week holding now on the district's clock (shared/rules/reporting-week.ts). */
export const thisReportingWeek = (zone: string): ReportingWeek => reportingWeek(Date.now(), zone);

/** 报送情况: who sent what, and who has not sent this week. */
export interface RollCallSlice {
  rollCall: RollCallData | null;
  rollCallError: unknown;
  loadRollCall(): Promise<void>;
}

export const rollCallViews = {
  rollCall: { reads: ['officer', 'exchange', 'timeZone'], loaded: (s) => s.rollCall !== null, reload: (s) => s.loadRollCall() },
} satisfies Views<BureauState>;

const counter = requestCounter();

export const createRollCallSlice: StateCreator<BureauState, [], [], RollCallSlice> = (set) => ({
  rollCall: null,
  rollCallError: null,
  loadRollCall: () =>
    loadField<RollCallSlice, 'rollCall'>(set, counter, 'rollCall', 'rollCallError', async () => {
      const [officers, reports] = await Promise.all([callBureau('bureau.officers.list', {}), callBureau('bureau.officers.rollCall', {})]);
      return { officers, reports };
    }),
});
