import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AssignResult } from '../../../electron/bureau/assign.js';
import { listBureauProblems, type BureauProblemView } from '../../../electron/bureau/problems.js';
import type { SqliteDatabase } from '../../../electron/store/database.js';
import { LIFE_CYCLE_STAGES } from '@shared/domain/project.js';
import type { Problem, ProblemAction, ProblemCategory, ProblemEvent, ProblemStatus } from '@shared/domain/index.js';
import { allowedProblemActions, DEFAULT_TIME_ZONE, localDay } from '@shared/rules/index.js';
import { Courier, type Delivery } from './courier.js';
import { CheckFailure, checkBureau, checkOfficerStore, prepared } from './checks.js';
import { cliBureau, cliOfficer, inProcessBureau, inProcessOfficer, Refused, type BureauDriver, type OfficerDriver } from './drivers.js';
import { finalChecks, type FinalFigures } from './final.js';
import { BureauModel, OfficerModel, type AssignmentSnapshot, type ExportedPacket, type OfficerEntity } from './model.js';
import { Rng } from './prng.js';
import { Restores, type RestoreFigures } from './restores.js';
import { dayOfYear, DEPARTMENTS, makeOfficers, newProject, PLAN_YEAR, projectTasks, writeMasterListCsv, type SimOfficer, type SimProject } from './world.js';
import { wholeLedger } from '../../helpers/ledger-pages.js';

/**
 * The seeded simulation (issue 6, item 1): a bureau and N officers over W weeks doing realistic work through
 * the real operations and the real file exchange, with a courier that loses, duplicates, delays, reorders and
 * renames files. After every step the stores the step touched are compared with the reference model
 * (model.ts, checks.ts); after a quiet phase that delivers everything, the bureau's tables and its district
 * ledger must be exactly the union of the officers' work (final.ts). The same seed replays the same run.
 */

export interface SimulationOptions {
  seed: number;
  weeks: number;
  officers: number;
  /** A folder for the databases and files of the run (created; the caller removes it). */
  dir: string;
  /** 'cli' drives the bureau and the officers' imports and exports through `sponsor-desk` (runCli). */
  mode?: 'in-process' | 'cli';
  /** For the CLI mode: sets the process clock to the simulated moment (the command reads the real clock). */
  setClock?: (d: Date) => void;
  /** Prints every step. */
  trace?: (line: string) => void;
  /** Projects per officer at the start (default 6). */
  projectsPerOfficer?: number;
  /**
   * Called after every step, before the checks: the harness's own tests use it to damage a store on purpose
   * and show that the very next check catches it.
   */
  afterStep?: (step: { number: number; label: string; bureau: SqliteDatabase; stores: readonly SqliteDatabase[] }) => void;
}

export interface SimulationResult {
  seed: number;
  weeks: number;
  officers: number;
  mode: 'in-process' | 'cli';
  steps: number;
  /** Records written, by kind (officers' own and the bureau's problems and events). */
  records: Record<string, number>;
  bureauRecords: number;
  /** Store-against-model comparisons: records (and rows) compared, summed over every check. */
  recordsChecked: number;
  checks: number;
  courier: Courier['stats'];
  ingest: { accepted: number; duplicate: number; newRecords: number; duplicateRecords: number };
  imports: { applied: number; alreadyImported: number; stale: number; withdrawMostConfirmed: number };
  exports: number;
  assignments: number;
  masterImports: number;
  masterEdits: Record<string, number>;
  refusalsAsExpected: number;
  problems: { officer: number; bureau: number; officerEvents: number; bureauEvents: number; closed: number };
  quietRounds: number;
  /** Bureau and officer backups and restores (restores.ts). */
  restores: RestoreFigures;
  final: FinalFigures;
  ms: number;
}

export class SimulationFailure extends Error {
  constructor(
    readonly seed: number,
    readonly step: number,
    readonly label: string,
    readonly trail: readonly string[],
    override readonly cause: unknown,
  ) {
    super(
      `seed ${seed} failed at step ${step} (${label}): ${cause instanceof Error ? cause.message : String(cause)}\n  last steps:\n    ${trail.slice(-8).join('\n    ')}`,
    );
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BUREAU_NAME = '模拟区经济发展局重点项目办';
const CATEGORIES: readonly ProblemCategory[] = ['policy', 'approval', 'land', 'capital', 'energy_quota', 'power_water', 'labour', 'other'];
const VISIT_KINDS = ['site_visit', 'meeting', 'call', 'coordination'] as const;

// The district's calendar (every simulated store keeps the default zone), whatever TZ the run has.
const isoDay = (t: number) => localDay(t, DEFAULT_TIME_ZONE);
const addDaysTo = (day: string, n: number): string => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const minDay = (a: string, b: string) => (a < b ? a : b);
const maxDay = (a: string, b: string) => (a > b ? a : b);
const YEAR_START = `${PLAN_YEAR}-01-01`;

interface Session {
  at: number;
  order: number;
  who: 'bureau' | number;
  kind: 'monday' | 'midweek' | 'officer';
  exportAtEnd: boolean;
}

export async function runSimulation(options: SimulationOptions): Promise<SimulationResult> {
  const sim = new Simulation(options);
  try {
    return await sim.run();
  } finally {
    sim.close();
  }
}

class Simulation {
  private readonly rng: Rng;
  private readonly courier: Courier;
  private readonly mode: 'in-process' | 'cli';
  private t = new Date(PLAN_YEAR, 0, 2, 9, 0).getTime();
  private bureau!: BureauDriver;
  private readonly stores: OfficerDriver[] = [];
  private readonly officers: SimOfficer[];
  private readonly models: OfficerModel[];
  private readonly bm: BureauModel;
  private readonly list: SimProject[] = [];
  private serial = 0;
  private week = -1;
  private stepNo = 0;
  private readonly trail: string[] = [];
  private readonly snapshots = new Map<string, AssignmentSnapshot>();
  private readonly everReassigned = new Set<string>();
  private readonly droppedTasks = new Map<string, SimProject['tasks']>();
  private readonly droppedMilestones = new Map<string, SimProject['milestones'][number]>();
  private readonly started = performance.now();
  /** Days the final checks take the district summary on besides the last (one a month, drawn from the run). */
  private readonly referenceDays: string[] = [];
  private readonly r: Omit<SimulationResult, 'final' | 'ms' | 'steps' | 'courier' | 'bureauRecords' | 'restores'> & { bureauRecords: number };
  private readonly restores: Restores;

  constructor(private readonly o: SimulationOptions) {
    this.mode = o.mode ?? 'in-process';
    const root = new Rng(o.seed);
    this.rng = root.fork('world');
    const courierRng = root.fork('courier');
    const idRng = root.fork('ids');
    mkdirSync(o.dir, { recursive: true });
    this.courier = new Courier(courierRng, join(o.dir, 'inbox'));
    this.officers = makeOfficers(idRng, o.officers);
    this.models = this.officers.map((x) => new OfficerModel(x));
    this.bm = new BureauModel(this.officers);
    this.restores = new Restores({
      dir: o.dir,
      mode: this.mode,
      setClock: o.setClock,
      rng: new Rng(o.seed).fork('restores'),
      models: this.models,
      bm: this.bm,
      stores: this.stores,
      bureau: () => this.bureau,
      now: this.now,
      advance: () => this.advance(),
      step: (label, touches, body) => this.step(label, touches, body),
      expectEqual: (what, got, want) => this.expectEqual(what, got, want),
    });
    this.r = {
      seed: o.seed,
      weeks: o.weeks,
      officers: o.officers,
      mode: this.mode,
      records: {},
      bureauRecords: 0,
      recordsChecked: 0,
      checks: 0,
      ingest: { accepted: 0, duplicate: 0, newRecords: 0, duplicateRecords: 0 },
      imports: { applied: 0, alreadyImported: 0, stale: 0, withdrawMostConfirmed: 0 },
      exports: 0,
      assignments: 0,
      masterImports: 0,
      masterEdits: {},
      refusalsAsExpected: 0,
      problems: { officer: 0, bureau: 0, officerEvents: 0, bureauEvents: 0, closed: 0 },
      quietRounds: 0,
    };
  }

  private now = (): Date => new Date(this.t);
  private get today(): string {
    return isoDay(this.t);
  }

  /**
   * Moves the clock on: every operation happens at its own moment, so no two records share a timestamp (and
   * the order of events never falls back on their random ids). Called before an operation's input is drawn.
   */
  private advance(to = 0): void {
    this.t = Math.max(this.t + this.rng.range(1, 4) * MINUTE + this.rng.int(1000), to);
  }

  close(): void {
    for (const s of this.stores) {
      try {
        s.close();
      } catch {
        // already closed
      }
    }
    try {
      this.bureau?.close();
    } catch {
      // already closed
    }
  }

  // ── Steps and checks ───────────────────────────────────────────────────────────────────────────────

  private async step(label: string, touches: readonly ('bureau' | number)[], body: () => Promise<void>): Promise<void> {
    this.stepNo += 1;
    const full = `#${this.stepNo} week ${this.week} ${isoDay(this.t)} ${label}`;
    this.trail.push(full);
    if (this.trail.length > 40) this.trail.shift();
    this.o.trace?.(full);
    try {
      await body();
      if (this.o.afterStep && this.bureau)
        this.o.afterStep({ number: this.stepNo, label: full, bureau: this.bureau.ctx.db, stores: this.stores.map((x) => x.ctx.db) });
      for (const who of touches) this.check(who);
    } catch (error) {
      if (error instanceof SimulationFailure) throw error;
      throw new SimulationFailure(this.o.seed, this.stepNo, full, [...this.trail], error);
    }
  }

  private check(who: 'bureau' | number): void {
    this.r.checks += 1;
    this.r.recordsChecked += who === 'bureau' ? checkBureau(this.bureau.ctx, this.bm) : checkOfficerStore(this.stores[who]!.ctx.db, this.models[who]!);
  }

  /**
   * Every store against the model, and every problem's derived state as the app shows it (the officer's
   * problem ledger, the bureau's problem list) against the state the model derives from the events it holds.
   */
  private async checkAll(label: string): Promise<void> {
    await this.step(label, ['bureau', ...this.stores.map((_, i) => i)], async () => {
      for (let i = 0; i < this.stores.length; i++) {
        const m = this.models[i]!;
        const views = (await wholeLedger((input) => this.stores[i]!.dispatch('problems.ledger', input))) as { id: string; status: ProblemStatus }[];
        this.expectEqual(`${m.officer.name}: problems in the ledger view`, views.length, m.problems.size);
        for (const v of views) this.expectEqual(`${m.officer.name}: derived state of problem ${v.id}`, v.status, m.problemStatus(v.id));
      }
      const held = listBureauProblems(this.bureau.ctx);
      this.expectEqual('bureau: problems in its list', held.length, this.bm.heldOf('problem').length);
      for (const v of held) this.expectEqual(`bureau: derived state of problem ${v.id}`, v.status, this.bm.problemStatus(v.id));
    });
  }

  private fail(message: string): never {
    throw new CheckFailure(message);
  }

  private expectEqual(what: string, got: unknown, want: unknown): void {
    if (JSON.stringify(got) !== JSON.stringify(want)) this.fail(`${what}: got ${JSON.stringify(got)}, the model expects ${JSON.stringify(want)}`);
  }

  /** Runs an operation the model says must be refused, and checks the code (the step's check then proves nothing changed). */
  private async expectRefusal(what: string, code: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (error) {
      if (error instanceof Refused) {
        if (error.code !== code) this.fail(`${what}: refused with ${error.code}/${error.reason}, the model expects ${code}: ${error.message}`);
        this.r.refusalsAsExpected += 1;
        return;
      }
      throw error;
    }
    this.fail(`${what}: accepted, the model expects a refusal (${code})`);
  }

  private count(entity: string, n = 1): void {
    this.r.records[entity] = (this.r.records[entity] ?? 0) + n;
  }

  // ── The run ────────────────────────────────────────────────────────────────────────────────────────

  async run(): Promise<SimulationResult> {
    await this.setUp();
    for (this.week = 0; this.week < this.o.weeks; this.week++) await this.runWeek();
    await this.quietPhase();
    this.restores.finish();
    let final!: FinalFigures;
    await this.step('final checks: the union at the bureau, problem states, district ledger, summary, photos', [], async () => {
      final = await finalChecks({
        bureau: this.bureau,
        stores: this.stores,
        models: this.models,
        bm: this.bm,
        list: this.list,
        everReassigned: this.everReassigned,
        now: this.now(),
        dir: this.o.dir,
        referenceDays: this.referenceDays,
        undone: this.restores.undone,
      });
    });
    this.r.recordsChecked += final.recordsCompared;
    this.r.problems.closed = final.problemsClosed;
    this.r.bureauRecords = [...this.bm.held.values()].filter((h) => h.officerId === null).length;
    return {
      ...this.r,
      steps: this.stepNo,
      courier: { ...this.courier.stats },
      restores: { ...this.restores.figures },
      final,
      ms: Math.round(performance.now() - this.started),
    };
  }

  private async setUp(): Promise<void> {
    const o = this.o;
    const dbPath = join(o.dir, 'bureau', 'bureau.sqlite');
    mkdirSync(join(o.dir, 'bureau'), { recursive: true });
    mkdirSync(join(o.dir, 'outbox'), { recursive: true });
    const setClock = o.setClock ?? (() => undefined);
    await this.step('bureau init', [], async () => {
      this.bureau = this.mode === 'cli' ? await cliBureau(dbPath, this.now, setClock) : inProcessBureau(dbPath, this.now);
    });
    for (const officer of this.officers) {
      await this.step(`${officer.name}: new store, pins bureau.pub`, [], async () => {
        const storePath = join(o.dir, `officer-${officer.index}`, 'store.db');
        const store = this.mode === 'cli' ? cliOfficer(storePath, this.now, setClock) : inProcessOfficer(storePath, this.now);
        this.stores.push(store);
        await store.trustBureau(join(o.dir, 'bureau', 'bureau.pub'));
        this.models[officer.index]!.bureauKeyPinned = true;
      });
      // Half the officers hand over their key file; the others' first packet waits until the bureau accepts
      // its key after reading the fingerprint back with the officer (bureauIngest).
      const withKey = this.rng.chance(0.5);
      await this.step(`bureau registers ${officer.name}${withKey ? ' with key file' : ''}`, ['bureau'], async () => {
        let keyFile: string | undefined;
        if (withKey) {
          const key = (await this.stores[officer.index]!.dispatch('sync.officerKey', {})) as { publicKeyPem: string };
          keyFile = join(o.dir, `officer-${officer.index}`, 'officer.pub');
          writeFileSync(keyFile, key.publicKeyPem);
          this.bm.keyKnown.add(officer.index);
        }
        await this.bureau.addOfficer({ ...officer, keyFile });
      });
    }
    const perOfficer = o.projectsPerOfficer ?? 6;
    for (const officer of this.officers) {
      const n = Math.max(1, perOfficer + this.rng.range(-1, 1));
      for (let i = 0; i < n; i++) this.list.push(newProject(this.rng, officer.index, ++this.serial));
    }
    await this.importMaster('the year’s master list');
  }

  private async importMaster(label: string): Promise<void> {
    this.advance();
    await this.step(`bureau import-master (${label})`, ['bureau'], async () => {
      const file = join(this.o.dir, 'bureau', `master-list-${String(this.r.masterImports + 1).padStart(3, '0')}.csv`);
      writeMasterListCsv(file, this.list, this.officers);
      const before = new Map([...this.bm.projects].map(([id, p]) => [id, p.archived]));
      const result = await this.bureau.importMaster(file);
      this.bm.importMaster(this.list);
      this.r.masterImports += 1;
      const listed = this.list.filter((p) => p.listed);
      const added = listed.filter((p) => !before.has(p.id)).length;
      const restored = listed.filter((p) => before.get(p.id) === true).length;
      const withdrawn = [...before].filter(([id, archived]) => !archived && !listed.some((p) => p.id === id)).length;
      this.expectEqual(
        'import-master rows/added/withdrawn/restored',
        [result.rows, result.added, result.withdrawn, result.restored],
        [listed.length, added, withdrawn, restored],
      );
    });
  }

  private async runWeek(): Promise<void> {
    const weekStart = new Date(PLAN_YEAR, 0, 5 + 7 * this.week, 8, 0).getTime();
    const sessions: Session[] = [];
    let order = 0;
    sessions.push({ at: weekStart + HOUR, order: order++, who: 'bureau', kind: 'monday', exportAtEnd: false });
    if (this.rng.chance(0.4)) sessions.push({ at: weekStart + 3 * DAY + 6 * HOUR, order: order++, who: 'bureau', kind: 'midweek', exportAtEnd: false });
    for (const officer of this.officers) {
      const n = this.rng.weighted([
        [1, 30],
        [2, 50],
        [3, 20],
      ]);
      // Mostly office hours, sometimes early in the morning or late at night (dates near midnight matter).
      const times = Array.from(
        { length: n },
        () =>
          weekStart +
          this.rng.int(5) * DAY +
          (this.rng.chance(0.15) ? this.rng.pick([-1, 0, 13, 14, 15]) : this.rng.range(1, 10)) * HOUR +
          this.rng.int(60) * MINUTE,
      ).sort((a, b) => a - b);
      const exports = this.rng.chance(0.88);
      times.forEach((at, i) => sessions.push({ at, order: order++, who: officer.index, kind: 'officer', exportAtEnd: exports && i === times.length - 1 }));
    }
    sessions.sort((a, b) => a.at - b.at || a.order - b.order);
    if (this.week % 4 === 2) this.referenceDays.push(isoDay(weekStart + this.rng.int(7) * DAY));
    for (const s of sessions) {
      this.advance(s.at);
      if (s.who === 'bureau') await this.bureauSession(s.kind === 'monday');
      else await this.officerSession(s.who, s.exportAtEnd);
    }
    await this.checkAll('end of the week: every store against the model');
  }

  // ── The bureau's week ──────────────────────────────────────────────────────────────────────────────

  private async bureauSession(monday: boolean): Promise<void> {
    await this.bureauIngest();
    if (!monday) return;
    await this.restores.bureauMonday(this.week);
    // Between a bureau backup and its restore the master list stays as it is (restores.ts).
    if (!this.restores.bureauQuiet && this.week > 0 && this.rng.chance(0.35)) await this.editMasterList();
    if (this.rng.chance(0.5)) await this.bureauRaise();
    for (let i = this.rng.range(1, 5); i > 0; i--) await this.bureauAct();
    if (this.rng.chance(0.15)) await this.bureauIllegalAct();
    await this.assign();
    await this.restores.afterAssign(this.week);
  }

  private packetOf(d: Delivery): ExportedPacket {
    return this.restores.packets.get(d.parcel.packetId)!; // all packets: an officer's restore drops later ones from the model's list
  }

  private async bureauIngest(): Promise<void> {
    for (const d of this.courier.collect('bureau', this.t)) {
      const officer = this.models[d.parcel.officer]!;
      this.advance();
      await this.step(`bureau ingest ${officer.officer.name} weekly #${d.parcel.sequence}${d.copy ? ' (second copy)' : ''}`, ['bureau'], async () => {
        const want = this.bm.ingest(officer, this.packetOf(d));
        let got = await this.bureau.ingest(d.path);
        let keyAccepted = false;
        if (got.status === 'pending') {
          // A key not accepted yet: the fingerprint the packet shows must be the one the officer reads out.
          const readBack = (await this.stores[officer.officer.index]!.dispatch('sync.officerKey', {})) as { fingerprint: string };
          this.expectEqual('pending key fingerprint read back', got.pendingKey?.fingerprint, readBack.fingerprint);
          const folded = await this.bureau.acceptKey(officer.officer.id, readBack.fingerprint);
          this.expectEqual(
            'accept-key folds the one waiting packet',
            folded.map((f) => f.packetId),
            [got.packetId],
          );
          got = folded[0]!;
          keyAccepted = true;
        }
        if (want.status === 'refused') {
          // A late packet referring to a record a restore took away (restores.ts): refused, a later packet carries both.
          this.expectEqual('late packet after a restore', [got.status, got.error?.params.reason], ['refused', 'unknown_reference']);
          this.restores.figures.refusedAfterRestore += 1;
          rmSync(d.path, { force: true });
          return;
        }
        if (got.status === 'refused') this.fail(`ingest refused: ${JSON.stringify(got.error)}`);
        this.expectEqual(
          'ingest status/new/duplicate/conflicts/key accepted',
          [got.status, got.newRecords, got.duplicateRecords, got.conflicts, keyAccepted],
          [want.status, want.newRecords, want.duplicateRecords, 0, want.keyRegistered],
        );
        if (want.status === 'accepted') {
          this.r.ingest.accepted += 1;
          this.r.ingest.newRecords += want.newRecords;
          this.r.ingest.duplicateRecords += want.duplicateRecords;
        } else this.r.ingest.duplicate += 1;
        rmSync(d.path, { force: true });
      });
    }
  }

  private async assign(): Promise<void> {
    this.advance();
    await this.step('bureau assign', ['bureau'], async () => {
      const outDir = join(this.o.dir, 'bureau', 'assignments');
      const want = new Map(this.bm.assignees().map((i) => [this.officers[i]!.id, this.bm.snapshot(i)]));
      const results: AssignResult[] = await this.bureau.assign(outDir);
      this.expectEqual('assign officers', results.map((r) => r.officerId).sort(), [...want.keys()].sort());
      for (const r of results) {
        const s = want.get(r.officerId)!;
        this.expectEqual(
          `assignment for ${r.officerName}: sequence/ack/projects/milestones/items/problems`,
          [r.sequence, r.acknowledgedWeeklySequence, r.projects, r.milestones, r.checklistItems, r.problems],
          [s.sequence, s.ack, s.projects.length, s.milestones.length, s.items.length, s.problems.length],
        );
        const packetId =
          (this.bureau.ctx.db
            .prepare('SELECT packet_id FROM assignments WHERE officer_id = ? AND sequence = ?')
            .pluck()
            .get(r.officerId, r.sequence) as string) ?? '';
        this.bm.recordAssignment(s, packetId);
        this.snapshots.set(`${s.officer}:${s.sequence}`, s);
        this.courier.send({ kind: 'assignment', officer: s.officer, sequence: s.sequence, packetId, path: r.file, sentAt: this.t });
        this.r.assignments += 1;
      }
    });
  }

  private activeListed(): SimProject[] {
    return this.list.filter((p) => p.listed);
  }

  private async editMasterList(): Promise<void> {
    const edits: string[] = [];
    const note = (what: string) => {
      edits.push(what);
      this.r.masterEdits[what.split(' ')[0]!] = (this.r.masterEdits[what.split(' ')[0]!] ?? 0) + 1;
    };
    const n = this.rng.range(1, 3);
    for (let i = 0; i < n; i++) {
      const listed = this.activeListed();
      const kind = this.rng.weighted<string>([
        ['add', 3],
        ['redate', 5],
        ['stage', 2],
        ['drop-task', 2],
        ['restore-task', 1],
        ['withdraw', 2],
        ['restore', 2],
        ['reassign', 1.2],
        ['plan', 2],
        ['drop-milestone', 1],
        ['restore-milestone', 0.7],
        ['handover', 0.25],
      ]);
      if (kind === 'add') {
        const p = newProject(this.rng, this.rng.int(this.officers.length), ++this.serial);
        this.list.push(p);
        note(`add ${p.code}`);
      } else if (kind === 'redate' && listed.length > 0) {
        const p = this.rng.pick(listed);
        if (p.template || p.tasks.length === 0 || this.rng.chance(0.3)) {
          const m = this.rng.pick(p.milestones);
          m.plannedOn = addDaysTo(m.plannedOn, this.rng.range(-20, 40));
          note(`redate milestone ${p.code} ${m.title}`);
        } else {
          const t = this.rng.pick(p.tasks);
          t.dueOn = addDaysTo(t.dueOn, this.rng.range(-15, 45));
          note(`redate task ${p.code} ${t.title}`);
        }
      } else if (kind === 'stage' && listed.length > 0) {
        const p = this.rng.pick(listed);
        const next = LIFE_CYCLE_STAGES.indexOf(p.stage) + 1;
        if (next < 5) {
          p.stage = LIFE_CYCLE_STAGES[next]!;
          note(`stage ${p.code} ${p.stage}`);
        }
      } else if (kind === 'drop-task') {
        const candidates = listed.filter((p) => !p.template && p.tasks.length > 1);
        if (candidates.length > 0) {
          const p = this.rng.pick(candidates);
          const [t] = p.tasks.splice(this.rng.int(p.tasks.length), 1);
          this.droppedTasks.set(p.code, [...(this.droppedTasks.get(p.code) ?? []), t!]);
          note(`drop-task ${p.code} ${t!.title}`);
        }
      } else if (kind === 'restore-task') {
        const codes = [...this.droppedTasks.keys()].filter((c) => (this.droppedTasks.get(c) ?? []).length > 0);
        if (codes.length > 0) {
          const code = this.rng.pick(codes);
          const p = this.list.find((x) => x.code === code)!;
          const t = this.droppedTasks.get(code)!.shift()!;
          if (!p.tasks.some((x) => x.stage === t.stage && x.title === t.title)) {
            p.tasks.push(t);
            note(`restore-task ${code} ${t.title}`);
          }
        }
      } else if (kind === 'withdraw' && listed.length > 4) {
        const p = this.rng.pick(listed);
        p.listed = false;
        note(`withdraw ${p.code}`);
      } else if (kind === 'restore') {
        const gone = this.list.filter((p) => !p.listed);
        if (gone.length > 0) {
          const p = this.rng.pick(gone);
          p.listed = true;
          note(`restore ${p.code}`);
        }
      } else if (kind === 'reassign' && listed.length > 0 && this.officers.length > 1) {
        const p = this.rng.pick(listed);
        const to = (p.officer + 1 + this.rng.int(this.officers.length - 1)) % this.officers.length;
        this.everReassigned.add(p.id);
        p.officer = to;
        note(`reassign ${p.code} → ${this.officers[to]!.name}`);
      } else if (kind === 'handover' && this.officers.length > 1) {
        // An officer changes post: every project goes to a colleague. Their next assignment withdraws them all,
        // which the officer app refuses until the officer confirms (the "withdraws most" fail-safe).
        const from = this.rng.int(this.officers.length);
        const theirs = listed.filter((p) => p.officer === from);
        if (theirs.length >= 3) {
          const to = (from + 1 + this.rng.int(this.officers.length - 1)) % this.officers.length;
          for (const p of theirs) {
            this.everReassigned.add(p.id);
            p.officer = to;
          }
          note(`handover ${this.officers[from]!.name} → ${this.officers[to]!.name} (${theirs.length} projects)`);
        }
      } else if (kind === 'plan' && listed.length > 0) {
        const p = this.rng.pick(listed);
        p.annualPlan = Math.max(100, p.annualPlan + this.rng.range(-20, 20) * 100);
        note(`plan ${p.code} ${p.annualPlan}`);
      } else if (kind === 'drop-milestone') {
        const candidates = listed.filter((p) => p.milestones.some((m) => m.kind === 'other'));
        if (candidates.length > 0) {
          const p = this.rng.pick(candidates);
          const dropped = p.milestones.find((m) => m.kind === 'other')!;
          p.milestones = p.milestones.filter((m) => m.kind !== 'other');
          this.droppedMilestones.set(p.code, dropped);
          note(`drop-milestone ${p.code}`);
        }
      } else if (kind === 'restore-milestone') {
        const codes = [...this.droppedMilestones.keys()];
        if (codes.length > 0) {
          const code = this.rng.pick(codes);
          const p = this.list.find((x) => x.code === code)!;
          p.milestones.push({ ...this.droppedMilestones.get(code)!, plannedOn: addDaysTo(this.droppedMilestones.get(code)!.plannedOn, this.rng.range(0, 30)) });
          this.droppedMilestones.delete(code);
          note(`restore-milestone ${code}`);
        }
      }
    }
    if (edits.length > 0) await this.importMaster(edits.join('; '));
  }

  private bureauProject(projectId: string): SimProject | undefined {
    return this.list.find((p) => p.id === projectId);
  }

  private async bureauRaise(): Promise<void> {
    this.advance();
    const listed = this.activeListed();
    if (listed.length === 0) return;
    const p = this.rng.pick(listed);
    const category = this.rng.pick(CATEGORIES);
    const dept = this.rng.chance(0.5) ? this.rng.pick(DEPARTMENTS) : '';
    const dueOn = this.rng.chance(0.6) ? addDaysTo(this.today, this.rng.range(20, 90)) : null;
    const description = `经发局调度发现：${p.code}${category === 'land' ? '用地指标不足' : category === 'capital' ? '资金缺口' : '审批推进缓慢'}（第${this.week + 1}周）`;
    await this.step(`bureau raises a problem on ${p.code}`, ['bureau'], async () => {
      const view = await this.bureau.raise({ project: p.code, category, description, responsibleDepartment: dept, dueOn });
      const want: Problem = {
        id: view.id,
        projectId: p.id,
        category,
        description,
        responsibleDepartment: dept,
        coordinatingLeader: p.leader,
        dueOn,
        origin: 'bureau',
        raisedOn: this.today,
        raisedBy: BUREAU_NAME,
        recordedAt: this.now().toISOString(),
      };
      this.expectEqual('bureau problem', pickProblem(view), want);
      this.bm.addOwn('problem', want as unknown as Record<string, unknown>);
      this.r.problems.bureau += 1;
    });
  }

  /** A problem the bureau holds on an active project, with the steps its view of the state allows. */
  private bureauProblems(): { problem: Problem; status: ProblemStatus }[] {
    return this.bm
      .heldOf<Problem>('problem')
      .filter((p) => this.bm.projects.get(p.projectId)?.archived === false)
      .map((problem) => ({ problem, status: this.bm.problemStatus(problem.id) }));
  }

  private async bureauAct(): Promise<void> {
    const all = this.bureauProblems();
    // The bureau works its queue: resolutions waiting for verification first, then whatever is open.
    const waiting = all.filter((x) => x.status === 'resolved');
    const candidates = waiting.length > 0 && this.rng.chance(0.6) ? waiting : all.filter((x) => x.status !== 'closed' || this.rng.chance(0.05));
    if (candidates.length === 0) return;
    const { problem, status } = this.rng.pick(candidates);
    const action = this.rng.weighted<ProblemAction>(
      (
        {
          raised: [
            ['dispatch', 6],
            ['note', 1],
          ],
          dispatched: [
            ['coordinate', 4],
            ['dispatch', 1],
            ['resolve', 1],
            ['note', 1],
          ],
          in_progress: [
            ['resolve', 3],
            ['coordinate', 1],
            ['note', 1],
          ],
          resolved: [
            ['verify_close', 6],
            ['reopen', 1],
            ['note', 1],
          ],
          closed: [['reopen', 1]],
        } as Record<ProblemStatus, [ProblemAction, number][]>
      )[status],
    );
    await this.bureauEvent(problem, action);
  }

  private async bureauEvent(problem: Problem, action: ProblemAction): Promise<void> {
    this.advance();
    const project = this.bureauProject(problem.projectId)!;
    const department = action === 'dispatch' ? this.rng.pick(DEPARTMENTS) : undefined;
    const resolution = action === 'resolve' ? `经${project.leader}顶格协调，问题已化解` : undefined;
    const note = action === 'reopen' ? '复核发现问题仍未解决' : action === 'note' ? '经发局跟踪调度' : action === 'verify_close' ? '现场核实，同意办结' : '';
    await this.step(`bureau ${action} on a problem of ${project.code}`, ['bureau'], async () => {
      const before = new Set(this.bm.problemEvents(problem.id).map((e) => e.id));
      const view = await this.bureau.act({ problem: problem.id, action, department, resolution, note });
      const added = view.events.filter((e) => !before.has(e.id));
      if (added.length !== 1) this.fail(`bureau ${action}: ${added.length} new events, expected 1`);
      const want: ProblemEvent = {
        id: added[0]!.id,
        problemId: problem.id,
        action,
        at: this.now().toISOString(),
        by: action === 'coordinate' ? project.leader : BUREAU_NAME,
        origin: 'bureau',
        note,
        department: department ?? null,
        resolution: resolution ?? null,
      };
      this.expectEqual('bureau event', pickEvent(added[0]!), want);
      this.bm.addOwn('problem_event', want as unknown as Record<string, unknown>);
      this.r.problems.bureauEvents += 1;
      this.expectEqual('bureau derived status', view.status, this.bm.problemStatus(problem.id));
    });
  }

  private async bureauIllegalAct(): Promise<void> {
    this.advance();
    const candidates = this.bureauProblems();
    if (candidates.length === 0) return;
    const { problem, status } = this.rng.pick(candidates);
    const illegal = (['dispatch', 'coordinate', 'resolve', 'verify_close', 'reopen'] as const).filter((a) => !allowedProblemActions(status).includes(a));
    if (illegal.length === 0) return;
    const action = this.rng.pick(illegal);
    await this.step(`bureau tries ${action} on a ${status} problem (refused)`, ['bureau'], () =>
      this.expectRefusal(`bureau ${action} on ${status}`, 'illegal_transition', () =>
        this.bureau.act({ problem: problem.id, action, department: '区自然资源局', resolution: '已解决', note: '原因' }),
      ),
    );
  }

  // ── An officer's session ───────────────────────────────────────────────────────────────────────────

  private async officerSession(i: number, exportAtEnd: boolean): Promise<void> {
    const m = this.models[i]!;
    await this.restores.officerSession(i);
    if (this.rng.chance(0.85)) {
      for (const d of this.courier.collect(i, this.t)) {
        await this.importAssignment(i, d);
        if (this.rng.chance(0.1)) await this.importAssignment(i, d, true);
        rmSync(d.path, { force: true });
      }
    }
    if (m.bound) {
      const n = this.rng.weighted([
        [0, 10],
        [1, 20],
        [2, 25],
        [3, 20],
        [4, 15],
        [6, 10],
      ]);
      for (let k = 0; k < n; k++) await this.officerAction(i);
    }
    if (exportAtEnd) {
      await this.exportPacket(i);
      if (this.rng.chance(0.04)) await this.exportPacket(i);
    }
  }

  private async importAssignment(i: number, d: Delivery, again = false): Promise<void> {
    this.advance();
    const m = this.models[i]!;
    const s = this.snapshots.get(`${i}:${d.parcel.sequence}`)!;
    const store = this.stores[i]!;
    const label = `${m.officer.name} imports assignment #${d.parcel.sequence}${again ? ' again' : ''}${d.copy ? ' (second copy)' : ''}`;
    await this.step(label, [i], async () => {
      if (m.applied.some((a) => a.packetId === d.parcel.packetId)) {
        const r = await store.apply(d.path, false);
        this.expectEqual('already imported', [r.status, r.applied], ['already_imported', false]);
        this.r.imports.alreadyImported += 1;
        return;
      }
      if (d.parcel.sequence <= m.lastAppliedSequence) {
        await this.expectRefusal('stale assignment', 'packet_stale', () => store.apply(d.path, false));
        this.r.imports.stale += 1;
        return;
      }
      const w = m.withdrawals(s);
      if (w.most) {
        await this.expectRefusal('assignment withdrawing most projects', 'import_withdraws_most', () => store.apply(d.path, false));
        this.r.imports.withdrawMostConfirmed += 1;
      }
      const backups = join(this.o.dir, `officer-${i}`, 'backups');
      const r = await store.apply(d.path, w.most);
      this.expectEqual(
        'applied/withdrawn/acknowledged',
        [r.applied, r.changes.projects.withdrawn.length, r.changes.acknowledgement.weeklySequence],
        [true, w.withdrawn, s.ack],
      );
      if (s.ack < m.ack) this.restores.figures.acknowledgementsDown += 1;
      m.apply(s, d.parcel.packetId);
      this.r.imports.applied += 1;
      // A backup copy was written before applying; the simulation keeps the disk small by removing it.
      const files = readdirSync(backups).filter((f) => f.endsWith('.sqlite'));
      if (files.length !== 1) this.fail(`expected one backup before the import, found ${files.length}`);
      rmSync(backups, { recursive: true, force: true });
    });
  }

  private async exportPacket(i: number): Promise<void> {
    this.advance();
    const m = this.models[i]!;
    const store = this.stores[i]!;
    const outDir = join(this.o.dir, 'outbox', `officer-${i}`);
    mkdirSync(outDir, { recursive: true });
    await this.step(`${m.officer.name} exports a weekly packet${m.bound ? '' : ' before any assignment (refused)'}`, [i], async () => {
      if (!m.bound) {
        await this.expectRefusal('export before the first assignment', 'not_found', () => store.exportPacket(outDir));
        return;
      }
      const sequence = m.nextExportSequence;
      const afterSeq = m.acknowledgedSeq;
      const throughSeq = Math.max(afterSeq, m.records.length);
      const r = await store.exportPacket(outDir);
      this.expectEqual(
        'export sequence/afterSeq/throughSeq/changes',
        [r.sequence, r.afterSeq, r.throughSeq, r.changeCount],
        [sequence, afterSeq, throughSeq, throughSeq - afterSeq],
      );
      const packet = { sequence, packetId: r.packetId, afterSeq, throughSeq, file: r.filePath, base: m.ack, records: m.records.slice(afterSeq, throughSeq) };
      m.exports.push(packet);
      this.restores.remember(packet);
      this.courier.send({ kind: 'weekly', officer: i, sequence, packetId: r.packetId, path: r.filePath, sentAt: this.t });
      this.r.exports += 1;
    });
  }

  // ── An officer's work, through the operations ──────────────────────────────────────────────────────

  /** The rows the operation appended to the change log, checked against what the model expects, then kept. */
  private takeNewRecords(i: number, expected: { entity: OfficerEntity; fields: Record<string, unknown> }[]): Record<string, unknown>[] {
    const m = this.models[i]!;
    const rows = prepared(this.stores[i]!.ctx.db, 'SELECT seq, entity, record_id AS recordId, payload FROM change_log WHERE seq > ? ORDER BY seq').all(
      m.records.length,
    ) as { seq: number; entity: string; recordId: string; payload: string }[];
    this.expectEqual(
      'new change-log rows',
      rows.map((r) => r.entity),
      expected.map((e) => e.entity),
    );
    return rows.map((row, k) => {
      const record = JSON.parse(row.payload) as Record<string, unknown>;
      const want = expected[k]!;
      for (const [f, v] of Object.entries(want.fields)) this.expectEqual(`${want.entity}.${f}`, record[f] ?? null, v);
      m.add(want.entity, record);
      this.count(want.entity);
      return record;
    });
  }

  private async photo(): Promise<string> {
    const png = await sharp({
      create: {
        width: this.rng.range(24, 64),
        height: this.rng.range(16, 48),
        channels: 3,
        background: { r: this.rng.int(256), g: this.rng.int(256), b: this.rng.int(256) },
      },
    })
      .png()
      .toBuffer();
    return png.toString('base64');
  }

  private async officerAction(i: number): Promise<void> {
    this.advance();
    const m = this.models[i]!;
    const kind = this.rng.weighted<string>([
      ['visit', 3],
      ['closeOff', 2.5],
      ['reopen', 0.3],
      ['raise', 0.6],
      ['act', 1.8],
      ['investment', 3],
      ['milestone', 0.7],
      ['illegal', 0.4],
    ]);
    const active = m.activeProjects();
    if (active.length === 0 && kind !== 'illegal') return;
    const store = this.stores[i]!;
    const who = m.officer.name;
    const now = () => this.now().toISOString();
    const today = this.today;
    switch (kind) {
      case 'visit': {
        const p = this.rng.pick(active);
        const visitedOn = maxDay(YEAR_START, addDaysTo(today, -this.rng.int(6)));
        const withPhoto = this.rng.chance(0.12);
        const input = {
          projectId: p.id,
          visitedOn,
          kind: this.rng.pick(VISIT_KINDS),
          participants: this.rng.chance(0.5) ? '企业负责人、项目经理' : '',
          summary: `第${this.week + 1}周${who}到${p.code}了解建设进度`,
          findings: this.rng.chance(0.3) ? '施工许可证办理滞后' : '',
          followUps: '',
          photos: withPhoto ? [{ fileName: `现场-${this.stepNo}.png`, mimeType: 'image/png', dataBase64: await this.photo() }] : [],
        };
        await this.step(`${who} logs a ${input.kind} on ${p.code}${withPhoto ? ' with a photo' : ''}`, [i], async () => {
          await store.dispatch('visits.log', input);
          const [visit] = this.takeNewRecords(i, [
            {
              entity: 'visit',
              fields: {
                projectId: p.id,
                visitedOn,
                kind: input.kind,
                participants: input.participants,
                summary: input.summary,
                findings: input.findings,
                followUps: '',
                recordedAt: now(),
                recordedBy: who,
              },
            },
            ...(withPhoto ? [{ entity: 'attachment' as const, fields: { ownerKind: 'visit', recordedAt: now() } }] : []),
          ]);
          if (withPhoto) {
            const attachment = m.records.at(-1)!.record;
            this.expectEqual('photo owner', attachment.ownerId, visit!.id);
          }
        });
        return;
      }
      case 'closeOff':
      case 'reopen': {
        const items = [...m.items.values()].filter((x) => !x.withdrawn && m.isActiveProject(x.item.projectId));
        const open = items.filter((x) => !m.itemState(x.item.id).closedOff && x.item.dueOn <= addDaysTo(today, 60));
        const closed = items.filter((x) => m.itemState(x.item.id).closedOff);
        if (kind === 'closeOff' && open.length > 0) {
          const { item } = this.rng.pick(open);
          const effectiveOn = maxDay(YEAR_START, addDaysTo(today, -this.rng.int(4)));
          const withPdf = this.rng.chance(0.08);
          const pdf = Buffer.from(`%PDF-1.4\n% 佐证材料 ${item.title} ${this.stepNo}\n%%EOF\n`, 'utf8');
          await this.step(`${who} closes off ${item.title}${withPdf ? ' with a PDF' : ''}`, [i], async () => {
            await store.dispatch('checklist.closeOff', {
              itemId: item.id,
              effectiveOn,
              note: `${item.title}已办结，材料已归档`,
              ...(withPdf ? { attachment: { fileName: '批复文件.pdf', mimeType: 'application/pdf', dataBase64: pdf.toString('base64') } } : {}),
            });
            const [event] = this.takeNewRecords(i, [
              {
                entity: 'checklist_event',
                fields: { itemId: item.id, action: 'close_off', effectiveOn, note: `${item.title}已办结，材料已归档`, recordedAt: now(), recordedBy: who },
              },
              ...(withPdf
                ? [
                    {
                      entity: 'attachment' as const,
                      fields: { ownerKind: 'checklist_event', mimeType: 'application/pdf', bytes: pdf.length, recordedAt: now() },
                    },
                  ]
                : []),
            ]);
            if (withPdf) this.expectEqual('evidence link', event!.attachmentId, m.records.at(-1)!.id);
            else this.expectEqual('no evidence', event!.attachmentId, null);
          });
        } else if (kind === 'reopen' && closed.length > 0) {
          const { item } = this.rng.pick(closed);
          const since = m.itemState(item.id).closedOffOn!;
          const effectiveOn = maxDay(since, minDay(today, addDaysTo(since, this.rng.int(10))));
          await this.step(`${who} reopens ${item.title}`, [i], async () => {
            await store.dispatch('checklist.reopen', { itemId: item.id, effectiveOn, reason: '复核发现材料不全' });
            this.takeNewRecords(i, [
              {
                entity: 'checklist_event',
                fields: { itemId: item.id, action: 'reopen', effectiveOn, note: '复核发现材料不全', attachmentId: null, recordedAt: now(), recordedBy: who },
              },
            ]);
          });
        }
        return;
      }
      case 'raise': {
        const p = this.rng.pick(active);
        const category = this.rng.pick(CATEGORIES);
        const input = {
          projectId: p.id,
          category,
          description: `${p.code}：${category === 'approval' ? '施工许可办理排队' : category === 'power_water' ? '临时用电未接入' : '要素保障不到位'}（${who}，第${this.week + 1}周）`,
          responsibleDepartment: this.rng.chance(0.5) ? this.rng.pick(DEPARTMENTS) : '',
          dueOn: this.rng.chance(0.6) ? addDaysTo(today, this.rng.range(14, 60)) : null,
        };
        await this.step(`${who} raises a problem on ${p.code}`, [i], async () => {
          await store.dispatch('problems.raise', input);
          this.takeNewRecords(i, [
            {
              entity: 'problem',
              fields: { ...input, coordinatingLeader: p.sponsoringLeader, origin: 'officer', raisedOn: today, raisedBy: who, recordedAt: now() },
            },
          ]);
          this.r.problems.officer += 1;
        });
        return;
      }
      case 'act': {
        const candidates = [...m.problems.values()]
          .filter((p) => m.isActiveProject(p.projectId))
          .map((p) => ({ p, status: m.problemStatus(p.id) }))
          .filter((x) => x.status !== 'closed' || this.rng.chance(0.03));
        if (candidates.length === 0) return;
        const { p, status } = this.rng.pick(candidates);
        const action = this.rng.weighted<ProblemAction>(
          (
            {
              raised: [
                ['dispatch', 6],
                ['note', 1],
              ],
              dispatched: [
                ['coordinate', 3],
                ['resolve', 2],
                ['dispatch', 1],
                ['note', 1],
              ],
              in_progress: [
                ['resolve', 3],
                ['coordinate', 1],
                ['note', 1],
              ],
              resolved: [
                ['note', 2],
                ['reopen', 1],
              ],
              closed: [
                ['reopen', 1],
                ['note', 1],
              ],
            } as Record<ProblemStatus, [ProblemAction, number][]>
          )[status],
        );
        const project = m.projects.get(p.projectId)!.project;
        const input = {
          problemId: p.id,
          action,
          note: action === 'reopen' ? '问题反弹，重新办理' : action === 'note' ? '持续跟踪' : '',
          department: action === 'dispatch' ? this.rng.pick(DEPARTMENTS) : undefined,
          resolution: action === 'resolve' ? '协调相关部门，问题已化解' : undefined,
          by: action === 'coordinate' && this.rng.chance(0.7) ? project.sponsoringLeader : undefined,
        };
        await this.step(`${who} ${action} on a ${status} problem of ${project.code}`, [i], async () => {
          const view = (await store.dispatch('problems.act', input)) as { status: ProblemStatus };
          this.takeNewRecords(i, [
            {
              entity: 'problem_event',
              fields: {
                problemId: p.id,
                action,
                at: now(),
                by: input.by ?? who,
                origin: 'officer',
                note: input.note,
                department: input.department ?? null,
                resolution: input.resolution ?? null,
              },
            },
          ]);
          this.r.problems.officerEvents += 1;
          this.expectEqual('derived status after the step', view.status, m.problemStatus(p.id));
        });
        return;
      }
      case 'investment': {
        const p = this.rng.pick(active);
        const month = today.slice(0, 7) === `${PLAN_YEAR}-01` ? `${PLAN_YEAR}-01` : minMonth(previousMonth(today), `${PLAN_YEAR}-12`);
        const reported = Array.from({ length: 12 }, (_, k) => `${PLAN_YEAR}-${String(k + 1).padStart(2, '0')}`).filter(
          (x) => x <= month && m.currentFigure(p.id, x) !== undefined,
        );
        const mode = this.rng.weighted<'new' | 'correct' | 'same'>([
          ['new', 7],
          ['correct', reported.length > 0 ? 2 : 0],
          ['same', reported.length > 0 ? 1 : 0],
        ]);
        const target = mode === 'new' ? month : this.rng.pick(reported);
        const current = m.currentFigure(p.id, target);
        const amount = mode === 'same' ? current! : Math.round((p.annualPlannedInvestment / 12) * (0.4 + this.rng.next() * 1.4) * 10) / 10;
        const written = current !== amount;
        await this.step(
          `${who} records ${target} figure ${amount} for ${p.code}${mode === 'correct' ? ' (correction)' : mode === 'same' ? ' (same again)' : ''}`,
          [i],
          async () => {
            const r = (await store.dispatch('investment.record', { projectId: p.id, month: target, amount })) as { written: boolean };
            this.expectEqual('written', r.written, written);
            this.takeNewRecords(
              i,
              written ? [{ entity: 'investment_entry', fields: { projectId: p.id, month: target, amount, recordedAt: now(), recordedBy: who } }] : [],
            );
          },
        );
        return;
      }
      case 'milestone': {
        const activeIds = new Set(active.map((p) => p.id));
        const milestones = [...m.milestones.values()]
          .filter((x) => !x.withdrawn && activeIds.has(x.milestone.projectId) && x.milestone.plannedOn <= addDaysTo(today, 30))
          .map((x) => x.milestone);
        if (milestones.length === 0) return;
        const ms = this.rng.pick(milestones);
        const reached = maxDay(YEAR_START, minDay(today, addDaysTo(ms.plannedOn, this.rng.range(-10, 10))));
        const correction = (m.reportsByMilestone.get(ms.id) ?? []).length > 0;
        await this.step(`${who} reports ${ms.title} reached on ${reached}${correction ? ' (correction)' : ''}`, [i], async () => {
          await store.dispatch('milestones.report', { milestoneId: ms.id, reachedOn: reached, note: correction ? '更正日期' : '' });
          this.takeNewRecords(i, [
            {
              entity: 'milestone_report',
              fields: { milestoneId: ms.id, reachedOn: reached, note: correction ? '更正日期' : '', recordedAt: now(), recordedBy: who },
            },
          ]);
        });
        return;
      }
      case 'illegal':
        await this.officerIllegal(i);
        return;
    }
  }

  /** Something the app must refuse: the model names the code; the step's check proves nothing was written. */
  private async officerIllegal(i: number): Promise<void> {
    const m = this.models[i]!;
    const store = this.stores[i]!;
    const who = m.officer.name;
    const today = this.today;
    const archived = [...m.projects.values()].filter((p) => p.archived);
    const items = [...m.items.values()];
    const closed = items.filter((x) => !x.withdrawn && m.isActiveProject(x.item.projectId) && m.itemState(x.item.id).closedOff);
    const openItems = items.filter((x) => !x.withdrawn && m.isActiveProject(x.item.projectId) && !m.itemState(x.item.id).closedOff);
    const withdrawnItems = items.filter((x) => x.withdrawn && m.isActiveProject(x.item.projectId));
    const problems = [...m.problems.values()].map((p) => ({ p, status: m.problemStatus(p.id) }));
    const active = m.activeProjects();
    const options: [string, () => Promise<void>][] = [];
    // One option: what the officer tries (`label`), and the refusal the model expects (`why` names it in a failure).
    const refused = (label: string, why: string, code: string, operation: string, input: unknown): [string, () => Promise<void>] => [
      label,
      () => this.expectRefusal(why, code, () => store.dispatch(operation, input)),
    ];
    // A step on a checklist item that the item's state forbids, each with the refusal the model expects.
    const itemSteps = [
      {
        items: closed,
        label: (title: string) => `close off ${title} again`,
        why: 'close off twice',
        code: 'illegal_transition',
        operation: 'checklist.closeOff',
        more: { note: '重复销号' },
      },
      {
        items: openItems,
        label: (title: string) => `reopen open ${title}`,
        why: 'reopen an open item',
        code: 'illegal_transition',
        operation: 'checklist.reopen',
        more: { reason: '误操作' },
      },
      {
        items: withdrawnItems,
        label: (title: string) => `close off withdrawn ${title}`,
        why: 'close off a withdrawn item',
        code: 'invalid_input',
        operation: 'checklist.closeOff',
        more: { note: '销号' },
      },
    ];
    for (const step of itemSteps) {
      if (step.items.length === 0) continue;
      const { item } = this.rng.pick(step.items);
      options.push(refused(step.label(item.title), step.why, step.code, step.operation, { itemId: item.id, effectiveOn: today, ...step.more }));
    }
    if (archived.length > 0) {
      const { project } = this.rng.pick(archived);
      options.push(
        refused(`visit withdrawn ${project.code}`, 'visit a withdrawn project', 'invalid_input', 'visits.log', {
          projectId: project.id,
          visitedOn: today,
          kind: 'call',
          summary: '电话了解',
        }),
      );
    }
    for (const { p, status } of problems.slice(0, 50)) {
      const illegal = (['coordinate', 'resolve', 'verify_close', 'reopen'] as const).filter((a) => !allowedProblemActions(status).includes(a));
      if (illegal.length > 0 && m.isActiveProject(p.projectId)) {
        const action = this.rng.pick(illegal);
        options.push(
          refused(`${action} a ${status} problem`, `${action} on ${status}`, 'illegal_transition', 'problems.act', {
            problemId: p.id,
            action,
            resolution: '已解决',
            note: '原因',
          }),
        );
        break;
      }
    }
    const withdrawnMilestones = [...m.milestones.values()].filter((x) => x.withdrawn);
    if (withdrawnMilestones.length > 0) {
      const { milestone } = this.rng.pick(withdrawnMilestones);
      options.push(
        refused(`report withdrawn milestone ${milestone.title}`, 'report on a withdrawn milestone', 'invalid_input', 'milestones.report', {
          milestoneId: milestone.id,
          reachedOn: today,
        }),
      );
    }
    if (active.length > 0) {
      const p = this.rng.pick(active);
      const future = addDaysTo(today, 40);
      options.push(
        refused(`figure for future ${future.slice(0, 7)}`, 'future month', 'invalid_input', 'investment.record', {
          projectId: p.id,
          month: future.slice(0, 7),
          amount: 100,
        }),
        refused(`visit dated ${future}`, 'future visit', 'invalid_input', 'visits.log', {
          projectId: p.id,
          visitedOn: future,
          kind: 'call',
          summary: '电话了解',
        }),
      );
    }
    if (options.length === 0) return;
    const [label, body] = this.rng.pick(options);
    await this.step(`${who} tries to ${label} (refused)`, [i], body);
  }

  // ── The quiet phase ────────────────────────────────────────────────────────────────────────────────

  /** Files travel reliably until the bureau has every record and every officer has the bureau's last word. */
  private async quietPhase(): Promise<void> {
    this.courier.reliable = true;
    this.week = this.o.weeks;
    this.advance(new Date(PLAN_YEAR, 0, 5 + 7 * this.o.weeks, 9, 0).getTime());
    this.courier.flush(this.t);
    for (let round = 1; round <= 6; round++) {
      this.r.quietRounds = round;
      await this.bureauIngest();
      await this.assign();
      this.advance(this.t + HOUR);
      for (let i = 0; i < this.models.length; i++) {
        for (const d of this.courier.collect(i, this.t)) {
          await this.importAssignment(i, d);
          rmSync(d.path, { force: true });
        }
      }
      if (this.converged()) break;
      for (let i = 0; i < this.models.length; i++) {
        const m = this.models[i]!;
        if (m.bound && m.acknowledgedSeq < m.records.length) await this.exportPacket(i);
      }
      this.advance(this.t + HOUR);
    }
    await this.step('the quiet phase converged', [], async () => {
      if (!this.converged()) this.fail(`the quiet phase did not converge in ${this.r.quietRounds} rounds`);
    });
    await this.checkAll('after the quiet phase: every store against the model');
  }

  private converged(): boolean {
    return this.models.every((m, i) => {
      const last = this.bm.lastAssignment(i);
      return (
        m.acknowledgedSeq === m.records.length &&
        m.records.every((r) => this.bm.held.has(`${r.entity}:${r.id}`)) &&
        (last === 0 || m.lastAppliedSequence === last) &&
        this.courier.inFlight === 0
      );
    });
  }
}

function previousMonth(day: string): string {
  const [y, mo] = day.split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}
const minMonth = (a: string, b: string) => (a < b ? a : b);

function pickProblem(v: BureauProblemView): Problem {
  return {
    id: v.id,
    projectId: v.projectId,
    category: v.category,
    description: v.description,
    responsibleDepartment: v.responsibleDepartment,
    coordinatingLeader: v.coordinatingLeader,
    dueOn: v.dueOn,
    origin: v.origin,
    raisedOn: v.raisedOn,
    raisedBy: v.raisedBy,
    recordedAt: v.recordedAt,
  };
}

function pickEvent(e: ProblemEvent): ProblemEvent {
  return {
    id: e.id,
    problemId: e.problemId,
    action: e.action,
    at: e.at,
    by: e.by,
    origin: e.origin,
    note: e.note,
    department: e.department,
    resolution: e.resolution,
  };
}

export { projectTasks, dayOfYear };
