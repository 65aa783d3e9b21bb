import type { z } from 'zod';
import { ChecklistEvent, ChecklistItem } from '../domain/checklist.js';
import { InvestmentEntry } from '../domain/investment.js';
import { Problem, ProblemEvent } from '../domain/problem.js';
import { Milestone, MilestoneReport, Project } from '../domain/project.js';
import { Attachment, Visit } from '../domain/visit.js';

/**
 * The record catalogue: one entry per kind of record the two desks keep and exchange. Everything else is
 * derived from it (columns.ts, sql.ts, content.ts): the officer store's and the bureau's statements, the
 * assignment merge, the bureau's fold, the weekly packet's change schema and the list of record kinds.
 * tests/unit/record-catalogue.test.ts holds it equal to both databases' tables, so a migration that adds a
 * column without an entry here (or the reverse) fails. Adding a kind of record: one entry and a migration.
 *
 * A field's column is its name in snake_case (`projectId` ↔ `project_id`). A field whose schema is optional
 * is absent from the record when its column is NULL, as packets carry it.
 */

/** The two databases: the officer's store and the bureau desk's. */
export type Desk = 'officer' | 'bureau';

/** Who writes records of a kind: one side, or either (the record's `origin` field says which). */
export type Owner = 'bureau' | 'officer' | 'either';

/** A record's parent: the field holding its id and the parent's kind, or the field naming that kind (an attachment's `ownerKind`). */
export type ParentRef = { field: string; kind: string } | { field: string; kindField: string };

export interface RecordEntry {
  table: string;
  schema: z.ZodObject;
  owner: Owner;
  /** What each record hangs on: checked before a record is folded, and set aside with it when it is voided. */
  parents: readonly ParentRef[];
  /** Place in the bureau's fold of a weekly packet: parents before their children. Absent: never in a weekly packet. */
  fold?: number;
  /** Fields only the officer store keeps (added after the bureau's tables): neither compared nor folded. */
  officerOnly?: readonly string[];
  /** A field kept in several columns: its parts, each as the row's field (column in snake_case). */
  split?: { field: string; parts: Record<string, string> };
  /** Row fields beside the schema's that a desk keeps and reads with the record (withdrawn, the master list's row). */
  state?: Partial<Record<Desk, readonly string[]>>;
  /** Columns a desk writes for itself and never reads into a record. */
  bookkeeping?: Partial<Record<Desk, readonly string[]>>;
  /** The field naming who recorded it (default: `recordedBy`, when the schema has one): the bureau shows the signing officer's name instead. */
  recorder?: string;
}

/** A record hangs on one parent: the field holding its id, and its kind. */
const on = (field: string, kind: string) => [{ field, kind }];
const project = on('projectId', 'project');

export const RECORDS = {
  project: {
    table: 'projects',
    schema: Project,
    owner: 'bureau',
    parents: [],
    split: { field: 'bureauCompleted', parts: { throughMonth: 'bureauCompletedMonth', amount: 'bureauCompletedAmount' } },
    state: { bureau: ['checklistSource', 'masterRow'] },
  },
  milestone: { table: 'milestones', schema: Milestone, owner: 'bureau', parents: project, state: { officer: ['withdrawnAt'], bureau: ['withdrawnAt'] } },
  visit: { table: 'visits', schema: Visit, owner: 'officer', parents: project, fold: 2 },
  attachment: {
    table: 'attachments',
    schema: Attachment,
    owner: 'officer',
    parents: [{ field: 'ownerId', kindField: 'ownerKind' }],
    fold: 7,
    officerOnly: ['takenAt', 'latitude', 'longitude'],
    bookkeeping: { bureau: ['file_stored'] },
  },
  checklist_item: { table: 'checklist_items', schema: ChecklistItem, owner: 'either', parents: project, fold: 1 },
  checklist_event: { table: 'checklist_events', schema: ChecklistEvent, owner: 'officer', parents: on('itemId', 'checklist_item'), fold: 3 },
  milestone_report: { table: 'milestone_reports', schema: MilestoneReport, owner: 'officer', parents: on('milestoneId', 'milestone'), fold: 4 },
  problem: { table: 'problems', schema: Problem, owner: 'either', parents: project, fold: 5, recorder: 'raisedBy' },
  problem_event: { table: 'problem_events', schema: ProblemEvent, owner: 'either', parents: on('problemId', 'problem'), fold: 6, officerOnly: ['recordedAt'] },
  investment_entry: { table: 'investment_entries', schema: InvestmentEntry, owner: 'officer', parents: project, fold: 8 },
} as const satisfies Record<string, RecordEntry>;

export type RecordKind = keyof typeof RECORDS;
/** A record of a kind, as its schema gives it. */
export type RecordOf<K extends RecordKind> = z.infer<(typeof RECORDS)[K]['schema']>;

/** Every kind, in the catalogue's order (the weekly packet lists its kinds in this order). */
export const RECORD_KINDS = Object.keys(RECORDS) as RecordKind[];

export const entryOf = (kind: RecordKind): RecordEntry => RECORDS[kind];

/** The field naming who recorded a record of `kind` (bureau/recorders.ts); none for a problem step, whose `by` is who acted. */
export function recorderOf(kind: RecordKind): string | undefined {
  const entry = entryOf(kind);
  return entry.recorder ?? ('recordedBy' in entry.schema.shape ? 'recordedBy' : undefined);
}

/** The kinds a weekly packet carries (the change log's `entity`): every kind an officer may write. */
export type WeeklyKind = { [K in RecordKind]: (typeof RECORDS)[K]['owner'] extends 'bureau' ? never : K }[RecordKind];
export const WEEKLY_KINDS = RECORD_KINDS.filter((k) => RECORDS[k].owner !== 'bureau') as [WeeklyKind, ...WeeklyKind[]];

/** The bureau's fold order of a weekly packet's records: a record's parent is in place before it. */
export const FOLD_ORDER: readonly WeeklyKind[] = [...WEEKLY_KINDS].sort((a, b) => entryOf(a).fold! - entryOf(b).fold!);

/** The columns the bureau adds to every folded record: who sent it, in which packet. */
export const SENDER_COLUMNS = ['officer_id', 'packet_id'] as const;

/** One parent a record may have: its kind, the field holding its id, and the field naming that kind when the record names it. */
export interface ParentLink {
  parent: RecordKind;
  field: string;
  kindField?: string;
}

const linksOf = new Map<RecordKind, ParentLink[]>();

/** Every parent a record of `kind` may have (an attachment's: a visit, a checklist event or a problem event, as `ownerKind` says). */
export function parentLinks(kind: RecordKind): readonly ParentLink[] {
  let links = linksOf.get(kind);
  if (links) return links;
  const entry = entryOf(kind);
  links = entry.parents.flatMap((ref): ParentLink[] => {
    if ('kind' in ref) return [{ parent: ref.kind as RecordKind, field: ref.field }];
    const kinds = (entry.schema.shape[ref.kindField] as unknown as { options: RecordKind[] }).options;
    return kinds.map((parent) => ({ parent, field: ref.field, kindField: ref.kindField }));
  });
  linksOf.set(kind, links);
  return links;
}

/** The parent a given record has (undefined: none, or a kind field naming no kind). */
export function parentOf(kind: RecordKind, record: Record<string, unknown>): ParentLink | undefined {
  return parentLinks(kind).find((link) => !link.kindField || record[link.kindField] === link.parent);
}
