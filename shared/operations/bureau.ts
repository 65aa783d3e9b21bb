import { z } from 'zod';
import { DistrictSummary } from '../bureau/summary.js';
import { LifeCycleStage, Origin, Problem, ProblemEvent, ProjectLevel } from '../domain/index.js';
import { AppErrorShape } from '../errors.js';
import { LIGHT_DIMENSIONS, TRAFFIC_LIGHTS } from '../rules/traffic-light-thresholds.js';
import { counts, defineOperations, fields, PROJECT_RECORDS, texts, TOPICS } from './define.js';
import { ProblemState } from './views.js';

/**
 * The bureau desk's operations, served by the bureau's registry (electron/bureau/operations/) with a
 * BureauContext: what the bureau CLI calls today and the bureau's screens will call. Outputs are data, never
 * printed lines. Inputs check types only where the bureau functions check the rest (a fingerprint, a
 * category, a time zone), so every refusal keeps its own code, reason and message.
 */

const text = z.string();
const optionalText = z.string().optional();
const count = z.number().int();
const summaryDates = { asOfMonth: optionalText, referenceDay: optionalText };
/**
 * Where a written file goes: `out`, a path, from the command line (required there); from a page, `folder`, a
 * handle to a folder the clerk chose, or nothing for the desk's outbox (electron/bureau/page-files.ts).
 */
const written = { out: optionalText, folder: optionalText };

const OfficerKey = {
  keyFingerprint: text.nullable(),
  keySource: z.enum(['file', 'first_packet']).nullable(),
  keyConfirmed: z.enum(['file', 'read_back']).nullable(),
};

const Officer = texts('id', 'name', 'unit', 'phone');

export const BureauOfficer = z.object({ ...Officer, publicKeyPem: text.nullable(), ...OfficerKey, keyRegisteredAt: text.nullable(), createdAt: text });

export const OfficerStatus = z.object({
  ...Officer,
  ...OfficerKey,
  pendingKeys: z.array(z.object({ fingerprint: text, packets: count })),
  ...counts('projects', 'lastAssignmentSequence', 'packetsReceived', 'highestPacketSequence'),
});

export const VoidOutcome = z.object(counts('packets', 'records', 'conflicts', 'restored'));

export const IngestFileResult = z.object({
  file: text,
  status: z.enum(['accepted', 'duplicate', 'pending', 'refused']),
  ...fields(text.nullable())('packetId', 'officerId', 'officerName'),
  sequence: count.nullable(),
  counts: z.record(z.string(), z.record(z.string(), count)),
  ...counts('newRecords', 'duplicateRecords', 'conflicts', 'photosStored'),
  pendingKey: z.object({ fingerprint: text, registeredFingerprint: text.nullable(), alreadyPending: z.boolean() }).nullable(),
  warnings: z.array(z.object({ code: text, params: z.record(z.string(), z.union([z.string(), z.number()])) })),
  error: AppErrorShape.nullable(),
});

/** A key registered, accepted, replaced or rejected folds pending packets or voids delivered ones: the officer's records change with it. */
const KEY_DECISION_CHANGES = [...PROJECT_RECORDS, 'officer', 'exchange'] as const;

/** The outcome of a key decision or of `officers add` with a key: what was voided and which pending packets were folded. */
const KeyOutcome = { previousFingerprint: text.nullable(), voided: VoidOutcome.nullable(), folded: z.array(IngestFileResult) };

const AddOfficerResult = z.object({
  officer: BureauOfficer,
  created: z.boolean(),
  key: z.enum(['registered', 'confirmed', 'replaced', 'unchanged', 'none']),
  ...KeyOutcome,
});

const KeyDecisionResult = z.object({
  officer: BureauOfficer,
  fingerprint: text,
  decision: z.enum(['accepted', 'confirmed', 'replaced', 'rejected']),
  ...KeyOutcome,
  rejectedPackets: count,
});

export const PendingPacketView = z.object({
  ...texts('packetId', 'officerId', 'officerName', 'fingerprint'),
  sequence: count,
  ...texts('sha256', 'fileName', 'archivePath', 'createdAt', 'receivedAt'),
  status: z.enum(['pending', 'folded', 'refused', 'rejected']),
  decidedAt: text.nullable(),
  outcome: z.unknown(),
});

export const VoidedRecordRow = z.object({
  id: count,
  kind: z.enum(['record', 'conflict']),
  ...texts('entity', 'recordId'),
  ...fields(text.nullable())('officerId', 'packetId'),
  record: z.record(z.string(), z.unknown()),
  ...texts('reason', 'voidedAt'),
});

export const BureauProblemView = Problem.extend({
  ...texts('projectCode', 'projectName'),
  projectArchived: z.boolean(),
  ...texts('officerId', 'officerName'),
  ...ProblemState,
  events: z.array(ProblemEvent),
  skippedEventIds: z.array(text),
});
export type BureauProblemView = z.infer<typeof BureauProblemView>;

export const MasterImportResult = z.object({
  applied: z.boolean(),
  importId: text.nullable(),
  fileName: text,
  encoding: text.nullable(),
  ...counts('rows', 'added', 'updated', 'unchanged', 'withdrawn', 'restored'),
  officersCreated: z.array(z.object({ id: text, name: text, unit: text })),
  ignoredColumns: z.array(text),
  projects: z.array(z.object({ code: text, name: text, change: z.enum(['added', 'updated', 'unchanged', 'withdrawn', 'restored']), fields: z.array(text) })),
});

const Light = z.enum(TRAFFIC_LIGHTS);
/**
 * One dimension's light and the rule that set it, compact (a district's rows carry five each): shared/rules/
 * traffic-lights.ts DimensionLight without its dimension (the key), a null left out, and of the late item only
 * its title (what the sentence names). renderer/src/bureau/lights.tsx `dimensionLight` gives the rule's shape back.
 */
const DimensionLightView = z.object({
  light: z.union([Light, z.literal('none')]),
  rule: text,
  ...fields(z.number().optional())('figure', 'threshold'),
  date: optionalText,
  stage: LifeCycleStage.optional(),
  count: count.optional(),
  title: optionalText,
});
/** A project's traffic lights (红黄绿灯, issue 14): the overall light (the worst) and each dimension's. */
export const BureauLights = z.object({ overall: Light, dimensions: z.object(fields(DimensionLightView)(...LIGHT_DIMENSIONS)) });
export type BureauLights = z.infer<typeof BureauLights>;

/** A row of the bureau's project table: the project, its officer, its figures as the overview counts them, the officer's last packet. */
export const BureauProjectRow = z.object({
  ...texts('id', 'code', 'name', 'company', 'sponsoringLeader', 'sponsoringUnit', 'officerId', 'officerName', 'searchKey'),
  level: ProjectLevel,
  stage: LifeCycleStage,
  ...fields(z.number())('planned', 'completed'),
  ...fields(z.number().nullable())('completionPct', 'aheadPoints'),
  ...counts('openProblems', 'overdueProblems'),
  lastPacketAt: text.nullable(),
  lights: BureauLights,
});
export type BureauProjectRow = z.infer<typeof BureauProjectRow>;

export const BureauSettings = z.object({ ...texts('bureauName', 'timeZone'), changed: z.boolean() });

export const bureauOperations = defineOperations({
  /** Creates the database and the signing key beside it (safe to run again: an existing desk is reported). */
  'bureau.init': {
    input: z.object({ name: optionalText }),
    output: z.object({
      created: z.boolean(),
      keyReused: z.boolean(),
      ...texts('dbPath', 'dir', 'privateKeyPath', 'publicKeyPath', 'filesDir', 'fingerprint', 'bureauName'),
    }),
  },
  'bureau.settings.get': { input: z.object({}), output: BureauSettings },
  /** Sets the district's IANA time zone (refused with reason time_zone when unknown). */
  // The zone moves "today", the week and the months: every view that counts by them reads the topic.
  'bureau.settings.set': { input: z.object({ timeZone: text }), output: BureauSettings, changes: ['timeZone'] },
  /** Imports the master list file; `dryRun` reports what would change and writes nothing. Year: the plan year of rows without one. */
  'bureau.importMaster': {
    input: z.object({ file: text, year: count.optional(), dryRun: z.boolean().default(false), allowWithdrawMost: z.boolean().default(false) }),
    output: MasterImportResult,
    changes: ['project', 'milestone', 'checklist', 'officer'],
  },
  'bureau.officers.list': { input: z.object({}), output: z.array(OfficerStatus) },
  /** Per officer, the last packet received (number, when) and the last assignment written with the packet it acknowledged: the roll call (报送情况). */
  'bureau.officers.rollCall': {
    input: z.object({}),
    output: z.array(
      z.object({
        officerId: text,
        lastPacketSequence: count.nullable(),
        ...fields(text.nullable())('lastPacketAt', 'lastAssignmentAt'),
        acknowledgedSequence: count.nullable(),
      }),
    ),
  },
  /** Registers an officer (name and unit), with a public key file when given; `officer` names one already registered instead. */
  'bureau.officers.add': {
    input: z.object({ ...fields(optionalText)('name', 'unit', 'phone', 'id', 'officer', 'keyFile'), replaceKey: z.boolean().default(false) }),
    output: AddOfficerResult,
    changes: KEY_DECISION_CHANGES,
  },
  /** Registers a key file for an existing officer (id, name or name@unit); the key's pending packets are folded. */
  'bureau.officers.addKey': {
    input: z.object({ officer: text, keyFile: text, replaceKey: z.boolean().default(false) }),
    output: AddOfficerResult,
    changes: KEY_DECISION_CHANGES,
  },
  /** Packets held for a key nobody accepted yet, of one officer or all. */
  'bureau.officers.pending': { input: z.object({ officer: optionalText }), output: z.array(PendingPacketView) },
  /** Accepts the key whose fingerprint a person read back with the officer; `officer` and `fingerprint` are required (reason key_command_input). */
  'bureau.officers.acceptKey': {
    input: z.object({ officer: optionalText, fingerprint: optionalText, replaceKey: z.boolean().default(false) }),
    output: KeyDecisionResult,
    changes: KEY_DECISION_CHANGES,
  },
  'bureau.officers.rejectKey': {
    input: z.object({ officer: optionalText, fingerprint: optionalText }),
    output: KeyDecisionResult,
    changes: KEY_DECISION_CHANGES,
  },
  /** Records set aside when their packets' key was replaced or rejected, oldest first. */
  'bureau.officers.voided': { input: z.object({ officer: optionalText }), output: z.array(VoidedRecordRow) },
  /** Writes one signed assignment per officer (or for one) into a folder: `out` from the command line, `folder` (a handle) or the outbox from a page. */
  'bureau.assign': {
    input: z.object({ ...written, officer: optionalText, note: optionalText }),
    output: z.array(
      z.object({
        ...texts('officerId', 'officerName', 'officerUnit', 'file', 'sha256'),
        ...counts('sequence', 'projects', 'milestones', 'checklistItems', 'problems', 'acknowledgedWeeklySequence'),
      }),
    ),
  },
  /** Verifies and folds weekly packets (files, or folders of them); each file has its own outcome. */
  'bureau.ingest': {
    input: z.object({ paths: z.array(text).min(1), requireRegisteredKeys: z.boolean().default(false) }),
    output: z.array(IngestFileResult),
    // A fold adds officers' records and a received packet (or a pending key): the views reading them refresh.
    changes: ['milestone', 'checklist', 'visit', 'problem', 'investment', 'officer', 'exchange'],
  },
  'bureau.summary': { input: z.object(summaryDates), output: DistrictSummary },
  /** Every active project of the plan year with the overview's figures for it (shared/bureau/summary.ts). */
  'bureau.projects.list': {
    input: z.object(summaryDates),
    output: z.object({ ...texts('asOfMonth', 'referenceDay'), elapsedMonths: count, timeProportionalPct: z.number(), rows: z.array(BureauProjectRow) }),
  },
  'bureau.problems.list': {
    input: z.object({ project: optionalText, openOnly: z.boolean().default(false), origin: Origin.optional() }),
    output: z.array(BureauProblemView),
  },
  'bureau.problems.raise': {
    input: z.object({
      ...texts('project', 'category', 'description'),
      ...fields(optionalText)('responsibleDepartment', 'coordinatingLeader'),
      dueOn: text.nullable().optional(),
      raisedBy: optionalText,
    }),
    output: BureauProblemView,
    changes: ['problem'],
  },
  'bureau.problems.act': {
    input: z.object({ problem: text, action: text, note: optionalText, department: optionalText, resolution: optionalText, by: optionalText }),
    output: BureauProblemView,
    changes: ['problem'],
  },
  /** A verified copy of the database with the signing key, written to `out` (never over an existing file), or into a page's folder. */
  'bureau.backup': {
    input: z.object(written),
    output: z.object({ file: text, bytes: count, sha256: text, createdAt: text, keyFingerprint: text.nullable(), receivedPackets: count, assignments: count }),
    changes: ['backup'],
  },
  /** Replaces the database with a verified backup; the replaced one is kept in backups/. */
  'bureau.restore': {
    input: z.object({ file: text }),
    output: z.object({
      ...texts('restoredFrom', 'dbPath', 'restoredAt'),
      ...fields(text.nullable())('keptAside', 'keyKeptAside', 'keyFingerprint'),
      schemaVersion: count,
      notInBackup: z.object(counts('packets', 'ownProblemRecords', 'masterImports', 'assignments')),
      ownProblemRecordsCarried: count,
    }),
    changes: TOPICS,
  },
  'bureau.exportLedger': {
    input: z.object({ ...written, ...summaryDates }),
    output: z.object({ file: text, bytes: count, asOfMonth: text, referenceDay: text, sheets: z.record(z.string(), count) }),
  },
});
