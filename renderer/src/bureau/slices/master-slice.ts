import type { StateCreator } from 'zustand';
import type { OperationOutput } from '@shared/operations';
import { loadField, requestCounter, type Views } from '../../store/views';
import { callBureau } from '../client';
import type { BureauState } from '../store';

type OfficerStatus = OperationOutput<'bureau.officers.list'>[number];
type Acknowledgement = OperationOutput<'bureau.master.assignees'>[number];

/** One row of the assignments table (任务下发): an officer, their projects, their last assignment and what the next one acknowledges. */
export interface AssigneeRow {
  id: string;
  name: string;
  unit: string;
  projects: number;
  hasKey: boolean;
  lastAssignmentSequence: number;
  /** The weekly packet the last assignment acknowledged (null: none written yet). */
  lastAcknowledged: number | null;
  /** The weekly packet the next assignment will acknowledge (0: none received whole yet). */
  acknowledges: number;
  /** Whether an assignment has something to hand over: projects now, or earlier ones to withdraw. */
  assignable: boolean;
}

export function assigneeRows(officers: readonly OfficerStatus[], acknowledgements: readonly Acknowledgement[]): AssigneeRow[] {
  const acks = new Map(acknowledgements.map((a) => [a.officerId, a]));
  return officers
    .map((o) => {
      const a = acks.get(o.id);
      const projects = a?.activeProjects ?? o.projects;
      return {
        id: o.id,
        name: o.name,
        unit: o.unit,
        projects,
        hasKey: o.keyFingerprint !== null,
        lastAssignmentSequence: o.lastAssignmentSequence,
        lastAcknowledged: a?.lastAcknowledged ?? null,
        acknowledges: a?.acknowledges ?? 0,
        assignable: projects > 0 || o.lastAssignmentSequence > 0,
      };
    })
    .sort((a, b) => a.unit.localeCompare(b.unit, 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'));
}

/** 任务下发: the officers the clerk writes assignments for. */
export interface MasterSlice {
  assignees: AssigneeRow[] | null;
  assigneesError: unknown;
  loadAssignees(): Promise<void>;
}

export const masterViews = {
  // An import changes who holds which projects; an assignment written or a packet folded changes the numbers.
  assignees: { reads: ['project', 'officer', 'exchange'], loaded: (s) => s.assignees !== null, reload: (s) => s.loadAssignees() },
} satisfies Views<BureauState>;

const counter = requestCounter();

export const createMasterSlice: StateCreator<BureauState, [], [], MasterSlice> = (set) => ({
  assignees: null,
  assigneesError: null,
  loadAssignees: () =>
    loadField<MasterSlice, 'assignees'>(set, counter, 'assignees', 'assigneesError', async () => {
      const [officers, acknowledgements] = await Promise.all([callBureau('bureau.officers.list', {}), callBureau('bureau.master.assignees', {})]);
      return assigneeRows(officers, acknowledgements);
    }),
});
