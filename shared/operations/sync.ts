import { z } from 'zod';
import { IsoDate, Officer, RecordId, Timestamp } from '../domain/index.js';
import { counts, defineOperations, fields, texts, TOPICS } from './define.js';
import { FileHandle } from './files.js';

/** What the sync screen and the CLI show. Built by electron/sync, carried by the operations below. */

export const ProjectRef = z.object({ id: RecordId, code: z.string(), name: z.string() });
export type ProjectRef = z.infer<typeof ProjectRef>;

export const ChecklistItemRef = z.object({
  id: RecordId,
  projectCode: z.string(),
  title: z.string(),
  dueOn: IsoDate,
  /** For a re-dated item: the due date before. */
  previousDueOn: IsoDate.nullable(),
});
export type ChecklistItemRef = z.infer<typeof ChecklistItemRef>;

const ProblemRef = z.object({ id: RecordId, projectCode: z.string(), description: z.string(), newEvents: z.number().int() });

export const ConflictSummary = z.object({ entity: z.string(), recordId: RecordId, label: z.string() });
export type ConflictSummary = z.infer<typeof ConflictSummary>;

/** The change summary of an assignment: shown before applying, printed by the CLI, stored with the import. */
export const AssignmentChanges = z.object({
  /** adopted: a fresh store takes the officer from this assignment; updated: name, unit or phone changed. */
  officer: z.enum(['adopted', 'same', 'updated']),
  projects: z.object({
    added: z.array(ProjectRef),
    updated: z.array(ProjectRef.extend({ fields: z.array(z.string()) })),
    withdrawn: z.array(ProjectRef),
    restored: z.array(ProjectRef),
    unchanged: z.number().int(),
  }),
  milestones: z.object({ added: z.number().int(), updated: z.number().int() }),
  checklist: z.object(fields(z.array(ChecklistItemRef))('added', 'redated', 'updated', 'withdrawn', 'restored')),
  problems: z.object({ added: z.array(ProblemRef), updated: z.array(ProblemRef), eventsAdded: z.number().int(), duplicatesIgnored: z.number().int() }),
  conflicts: z.array(ConflictSummary),
  acknowledgement: z.object({ weeklySequence: z.number().int(), packetsNewlyAcknowledged: z.number().int(), changesNewlyReceived: z.number().int() }),
});
export type AssignmentChanges = z.infer<typeof AssignmentChanges>;

export const AssignmentPreview = z.object({
  status: z.enum(['ready', 'already_imported']),
  packetId: RecordId,
  sequence: z.number().int(),
  createdAt: Timestamp,
  fileName: z.string(),
  sender: z.object({ name: z.string(), fingerprint: z.string() }),
  officer: Officer,
  note: z.string(),
  lastAppliedSequence: z.number().int(),
  changes: AssignmentChanges,
  activeProjectsBefore: z.number().int(),
  /** The fail-safe: this assignment would withdraw more than half (and more than 2) of the active projects. */
  withdrawsMost: z.boolean(),
  /** Machine codes with English text, e.g. "ack_ahead: …". */
  warnings: z.array(z.string()),
  /** When already imported: when it was applied. */
  appliedAt: Timestamp.nullable(),
});
export type AssignmentPreview = z.infer<typeof AssignmentPreview>;

export const AssignmentApplyResult = AssignmentPreview.extend({ applied: z.boolean(), backupPath: z.string().nullable() });
export type AssignmentApplyResult = z.infer<typeof AssignmentApplyResult>;

export const ExportRecord = z.object({
  sequence: z.number().int(),
  packetId: RecordId,
  exportedAt: Timestamp,
  ...texts('fileName', 'filePath', 'sha256'),
  ...counts('bytes', 'afterSeq', 'throughSeq', 'changeCount', 'photoCount'),
  counts: z.record(z.string(), z.number().int()),
  acknowledgedAt: Timestamp.nullable(),
});
export type ExportRecord = z.infer<typeof ExportRecord>;

export const ExportResult = ExportRecord.extend({ missingPhotos: z.number().int(), warnings: z.array(z.string()) });
export type ExportResult = z.infer<typeof ExportResult>;

/** The week in numbers: the input of the drafted summary and the report. */
export const WeeklyStats = z.object({
  from: IsoDate,
  to: IsoDate,
  ...counts('projects', 'visits', 'visitedProjects', 'closeOffs'),
  ...counts('problemsRaised', 'problemsResolved', 'problemsOpen', 'problemsOverdue', 'itemsOverdue', 'investmentEntries'),
  asOfMonth: z.string(),
  completedWan: z.number(),
  plannedWan: z.number(),
  completionPct: z.number().nullable(),
  timeProportionalPct: z.number(),
  aheadPoints: z.number().nullable(),
  ...counts('milestonesReached', 'pendingChanges'),
});
export type WeeklyStats = z.infer<typeof WeeklyStats>;

export const SyncStatus = z.object({
  officer: Officer.nullable(),
  demo: z.boolean(),
  officerKeyFingerprint: z.string().nullable(),
  bureauKey: z.object({ fingerprint: z.string(), pinnedAt: Timestamp }).nullable(),
  lastAssignment: z.object({ sequence: z.number().int(), packetId: RecordId, fileName: z.string(), createdAt: Timestamp, appliedAt: Timestamp }).nullable(),
  lastExport: ExportRecord.nullable(),
  /** The highest weekly sequence the bureau acknowledged in the last applied assignment. */
  acknowledgedSequence: z.number().int(),
  /** Changes recorded and not yet acknowledged: what the next packet carries. */
  pendingChanges: z.number().int(),
  /** Of those, changes not in any exported packet yet. */
  neverExportedChanges: z.number().int(),
  ...counts('openConflicts', 'nextSequence'),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const ConflictView = z.object({
  id: z.number().int(),
  entity: z.string(),
  recordId: RecordId,
  local: z.record(z.string(), z.unknown()),
  incoming: z.record(z.string(), z.unknown()),
  packetId: RecordId,
  detectedAt: Timestamp,
});
export type ConflictView = z.infer<typeof ConflictView>;

export const syncOperations = defineOperations({
  /** The sync screen: last assignment, last packet, acknowledgement, changes waiting, keys. */
  'sync.status': { input: z.object({}), output: SyncStatus },
  /**
   * Pins the bureau's public key (PEM text of the key file the bureau handed out). Replacing a different
   * pinned key is refused (conflict, reason bureau_key_replace, params fingerprint and previousFingerprint)
   * unless `confirmReplaceFingerprint` repeats the new key's fingerprint, after a check with the bureau by phone.
   */
  'sync.trustBureauKey': {
    input: z.object({ keyPem: z.string().min(1).max(16_384), confirmReplaceFingerprint: z.string().max(200).optional() }),
    output: z.object({ fingerprint: z.string(), previousFingerprint: z.string().nullable(), changed: z.boolean() }),
    changes: ['exchange'],
  },
  /** Reads, verifies and diffs an assignment file (a handle from files.receive or files.choose); writes nothing. */
  'sync.previewAssignment': { input: z.strictObject({ file: FileHandle }), output: AssignmentPreview },
  /** Applies an assignment in one transaction after a backup of the database. */
  'sync.applyAssignment': {
    input: z.strictObject({ file: FileHandle, allowWithdrawMost: z.boolean().default(false) }),
    output: AssignmentApplyResult,
    changes: TOPICS,
  },
  /** The drafted Chinese summary paragraph of the week, for the officer to edit before export. */
  'sync.draftSummary': { input: z.object({}), output: z.object({ summary: z.string(), stats: WeeklyStats }) },
  /**
   * Writes the weekly packet (atomically) into the folder behind `folder` (a handle from files.choose), or
   * into the outbox when none is given, and records it in the export history. Strict: a stray `outDir` (the
   * old raw path) is refused rather than ignored into the outbox.
   */
  'sync.exportPacket': {
    input: z.strictObject({ folder: FileHandle.optional(), summary: z.string().max(4000).optional() }),
    output: ExportResult,
    changes: ['exchange'],
  },
  'sync.exportHistory': { input: z.object({}), output: z.array(ExportRecord) },
  'sync.conflicts': { input: z.object({}), output: z.array(ConflictView) },
  /** The officer's public key and fingerprint (created on first use), for handing to the bureau. */
  'sync.officerKey': { input: z.object({}), output: z.object({ fingerprint: z.string(), publicKeyPem: z.string() }), changes: ['exchange'] },
});
