import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { backupBureau } from '../../../electron/bureau/backup.js';
import { openBureauDatabase } from '../../../electron/bureau/database.js';
import { restoreBureau, type BureauRestoreResult } from '../../../electron/bureau/restore.js';
import { runCli } from '../../../electron/cli/main.js';
import type { BureauDriver, OfficerDriver } from './drivers.js';
import type { BureauModel, ExportedPacket, OfficerModel, Rec } from './model.js';
import type { Rng } from './prng.js';

/**
 * Restores in the seeded simulation (issue 9, point 3): at random moments the bureau restores an earlier
 * backup of its database (losing what it folded since, and the assignments it wrote since), and an officer
 * restores an earlier backup of the store (losing what was recorded since). The reference model goes back
 * with them: its state at the backup is saved with the file and put back on restore, plus what a restore
 * carries over (assignment and packet numbers stay above the replaced database's). What an officer's
 * restore undid is kept as "undone": the records that reached the bureau before stay there (from their
 * author, exactly once), those that never left the officer's computer are gone by the officer's choice
 * and counted in the report.
 *
 * The bureau's own problems and steps written between its backup and its restore are carried over from the
 * replaced database (electron/bureau/restore.ts), and the model carries them the same way. Master-list edits
 * pause in that window: a master list imported since the backup is not brought back (docs/bureau.md
 * "Backup and restore": import it again).
 */

export interface RestoreFigures {
  bureauBackups: number;
  bureauRestores: number;
  /** Weekly packets the bureau had folded and lost by restoring (their records came again). */
  packetsLostByBureau: number;
  officerBackups: number;
  officerRestores: number;
  /** Records an officer's restore undid: reached the bureau before / never left the officer's computer. */
  undoneAtBureau: number;
  undoneNeverSent: number;
  /** The bureau's own problems and steps written since its backup, carried over by the restore. */
  bureauRecordsCarried: number;
  /** Assignments an officer applied that acknowledged less than the one before (after a bureau restore). */
  acknowledgementsDown: number;
  /** Late packets refused because they refer to a record a restore took away (a later packet carried both). */
  refusedAfterRestore: number;
}

export interface RestoreHost {
  dir: string;
  mode: 'in-process' | 'cli';
  setClock?: (d: Date) => void;
  rng: Rng;
  models: readonly OfficerModel[];
  bm: BureauModel;
  stores: readonly OfficerDriver[];
  bureau: () => BureauDriver;
  now: () => Date;
  advance: () => void;
  step: (label: string, touches: readonly ('bureau' | number)[], body: () => Promise<void>) => Promise<void>;
  expectEqual: (what: string, got: unknown, want: unknown) => void;
}

// ── The model's state, saved with a backup and put back on restore ────────────────────────────────────

type Saved = Map<string, unknown>;

const shallow = (x: unknown): unknown => (x instanceof Map ? new Map(x) : x instanceof Set ? new Set(x) : Array.isArray(x) ? [...x] : x);
const copy = (v: unknown): unknown =>
  v instanceof Map ? new Map([...v].map(([k, x]) => [k, shallow(x)])) : v instanceof Set ? new Set(v) : Array.isArray(v) ? v.map(shallow) : v;

/** Every collection and plain value of a model object, copied two levels deep (the records in them never change). */
export function saveModel(model: object): Saved {
  const saved: Saved = new Map();
  for (const [k, v] of Object.entries(model)) {
    if (v instanceof Map || v instanceof Set || Array.isArray(v) || typeof v !== 'object' || v === null) saved.set(k, copy(v));
  }
  return saved;
}

/** Puts a saved state back in place (the collections are readonly fields: refilled, not replaced). */
export function loadModel(model: object, saved: Saved): void {
  const target = model as Record<string, unknown>;
  for (const [k, v] of saved) {
    const current = target[k];
    const fresh = copy(v);
    if (current instanceof Map) {
      current.clear();
      for (const [kk, vv] of fresh as Map<unknown, unknown>) current.set(kk, vv);
    } else if (current instanceof Set) {
      current.clear();
      for (const x of fresh as Set<unknown>) current.add(x);
    } else if (Array.isArray(current)) {
      current.length = 0;
      for (const x of fresh as unknown[]) current.push(x);
    } else target[k] = fresh;
  }
}

// ── The restores ─────────────────────────────────────────────────────────────────────────────────────

export class Restores {
  readonly figures: RestoreFigures = {
    bureauBackups: 0,
    bureauRestores: 0,
    packetsLostByBureau: 0,
    officerBackups: 0,
    officerRestores: 0,
    undoneAtBureau: 0,
    undoneNeverSent: 0,
    refusedAfterRestore: 0,
    acknowledgementsDown: 0,
    bureauRecordsCarried: 0,
  };
  /** Every weekly packet ever written, by id: a late one may arrive after its officer restored. */
  readonly packets = new Map<string, ExportedPacket>();
  /** Per officer, the records their restores undid. */
  readonly undone = new Map<number, Rec[]>();
  private plan: { file: string; saved: Saved; restoreInWeek: number } | null = null;
  private readonly officerBackups = new Map<number, { file: string; saved: Saved; records: number }>();

  constructor(private readonly h: RestoreHost) {}

  /** While a bureau restore is planned the master list stays as it is (see the module comment). */
  get bureauQuiet(): boolean {
    return this.plan !== null;
  }

  remember(packet: ExportedPacket): void {
    this.packets.set(packet.packetId, packet);
  }

  private async cli(args: string[]): Promise<unknown> {
    this.h.setClock?.(this.h.now());
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['bureau', ...args, '--db', this.h.bureau().dbPath, '--json'], { out: (t) => out.push(t), err: (t) => err.push(t) });
    if (code !== 0) throw new Error(`bureau ${args[0]}: exit ${code}: ${out.join('\n')} ${err.join('\n')}`);
    return (JSON.parse(out.join('\n')) as { result: unknown }).result;
  }

  /** After Monday's assignments: now and then the bureau backs up, and plans to restore it a week or two later. */
  async afterAssign(week: number): Promise<void> {
    const { bm, rng } = this.h;
    if (this.plan || week < 2 || bm.keyKnown.size < bm.officers.length || !rng.chance(0.12)) return;
    const dir = join(this.h.dir, 'bureau-backups');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `bureau-${String(this.figures.bureauBackups + 1).padStart(3, '0')}.sqlite`);
    this.h.advance();
    await this.h.step('bureau backup', ['bureau'], async () => {
      const driver = this.h.bureau();
      if (this.h.mode === 'cli') await this.cli(['backup', '--out', file]);
      else await backupBureau(driver.ctx, file);
      this.plan = { file, saved: saveModel(bm), restoreInWeek: week + rng.range(1, 2) };
      this.figures.bureauBackups += 1;
    });
  }

  /** Monday, after folding what arrived: the planned restore, losing every packet folded since the backup. */
  async bureauMonday(week: number): Promise<void> {
    const plan = this.plan;
    if (!plan || week < plan.restoreInWeek) return;
    const { bm } = this.h;
    this.h.advance();
    await this.h.step(`bureau restores its backup ${plan.file.split('/').at(-1)}`, ['bureau'], async () => {
      const driver = this.h.bureau();
      let r: BureauRestoreResult;
      if (this.h.mode === 'cli') {
        driver.ctx.db.close();
        try {
          r = (await this.cli(['restore', plan.file])) as BureauRestoreResult;
        } finally {
          driver.ctx.db = openBureauDatabase(driver.dbPath);
        }
      } else r = await restoreBureau(driver.dbPath, plan.file, { now: this.h.now, ctx: driver.ctx });
      const receivedBefore = bm.received.size;
      const assignmentsBefore = [...bm.assignments.values()].reduce((n, l) => n + l.length, 0);
      const lastBefore = new Map(bm.officers.map((o) => [o.index, bm.lastAssignment(o.index)]));
      // What the restore carries over from the replaced database (electron/bureau/restore.ts): the bureau's own
      // problems and steps, and an officer's problem one of its steps hangs on.
      const before = new Map(bm.held);
      const own = [...before.values()].filter((h) => h.officerId === null);
      const parents = new Set(own.filter((h) => h.rec.entity === 'problem_event').map((h) => `problem:${String(h.rec.record.problemId)}`));
      loadModel(bm, plan.saved);
      for (const [officer, n] of lastBefore) bm.assignmentFloor.set(officer, Math.max(bm.assignmentFloor.get(officer) ?? 0, n));
      const ownMissing = own.filter((h) => !bm.held.has(`${h.rec.entity}:${h.rec.id}`)).length;
      let carried = 0;
      const candidates = [...before.values()].filter((h) => h.rec.entity === 'problem' && (h.officerId === null || parents.has(`problem:${h.rec.id}`)));
      for (const h of [...candidates, ...own.filter((x) => x.rec.entity === 'problem_event')]) {
        if (bm.held.has(`${h.rec.entity}:${h.rec.id}`)) continue;
        const parentHeld =
          h.rec.entity === 'problem' ? bm.projects.has(String(h.rec.record.projectId)) : bm.held.has(`problem:${String(h.rec.record.problemId)}`);
        if (!parentHeld) continue;
        bm.holdAgain(h);
        carried += 1;
      }
      const lostPackets = receivedBefore - bm.received.size;
      const lostAssignments = assignmentsBefore - [...bm.assignments.values()].reduce((n, l) => n + l.length, 0);
      this.h.expectEqual(
        'restore: packets, assignments and own problem records not in the backup, own records carried over',
        [r.notInBackup.packets, r.notInBackup.assignments, r.notInBackup.ownProblemRecords, r.ownProblemRecordsCarried],
        [lostPackets, lostAssignments, ownMissing, carried],
      );
      this.figures.bureauRecordsCarried += carried;
      this.figures.bureauRestores += 1;
      this.figures.packetsLostByBureau += lostPackets;
      this.plan = null;
    });
  }

  /** At the start of an officer's session: now and then a backup, and now and then a restore of the last one. */
  async officerSession(i: number): Promise<void> {
    const m = this.h.models[i]!;
    if (!m.bound || m.exports.length === 0) return; // a backup before the officer key exists would not sign for them
    const kept = this.officerBackups.get(i);
    if (kept && this.h.rng.chance(0.03)) await this.officerRestore(i, kept);
    else if (this.h.rng.chance(0.05)) await this.officerBackup(i);
  }

  private backupsDir(i: number): string {
    return join(this.h.dir, `officer-${i}`, 'backups');
  }

  private async officerBackup(i: number): Promise<void> {
    const m = this.h.models[i]!;
    this.h.advance();
    await this.h.step(`${m.officer.name} backs up the store`, [i], async () => {
      const info = (await this.h.stores[i]!.dispatch('backup.create', {})) as { fileName: string };
      const keptDir = join(this.h.dir, `officer-${i}`, 'kept-backups');
      mkdirSync(keptDir, { recursive: true });
      const file = join(keptDir, info.fileName);
      // Out of the backups folder, which every assignment import expects to find holding only its own copy.
      renameSync(join(this.backupsDir(i), info.fileName), file);
      rmSync(this.backupsDir(i), { recursive: true, force: true });
      const old = this.officerBackups.get(i);
      if (old && old.file !== file) rmSync(old.file, { force: true });
      this.officerBackups.set(i, { file, saved: saveModel(m), records: m.records.length });
      this.figures.officerBackups += 1;
    });
  }

  private async officerRestore(i: number, kept: { file: string; saved: Saved; records: number }): Promise<void> {
    const m = this.h.models[i]!;
    this.h.advance();
    await this.h.step(
      `${m.officer.name} restores the backup ${kept.file.split('/').at(-1)} (${m.records.length - kept.records} records undone)`,
      [i],
      async () => {
        const name = kept.file.split('/').at(-1)!;
        mkdirSync(this.backupsDir(i), { recursive: true });
        copyFileSync(kept.file, join(this.backupsDir(i), name));
        await this.h.stores[i]!.dispatch('backup.restore', { backupFileName: name });
        if (existsSync(this.backupsDir(i)) && readdirSync(this.backupsDir(i)).length < 2) this.h.expectEqual('the replaced store kept aside', false, true);
        rmSync(this.backupsDir(i), { recursive: true, force: true });
        const floor = Math.max(m.exportFloor, m.exports.at(-1)?.sequence ?? 0);
        const undone = m.records.slice(kept.records);
        loadModel(m, kept.saved);
        m.exportFloor = Math.max(m.exportFloor, floor);
        const list = this.undone.get(i) ?? [];
        list.push(...undone);
        this.undone.set(i, list);
        this.figures.officerRestores += 1;
      },
    );
  }

  /** At the end: which undone records reached the bureau (they stay, from their author) and which never left. */
  finish(): void {
    for (const list of this.undone.values()) {
      for (const r of list) {
        if (this.h.bm.held.has(`${r.entity}:${r.id}`)) this.figures.undoneAtBureau += 1;
        else this.figures.undoneNeverSent += 1;
      }
    }
  }
}
