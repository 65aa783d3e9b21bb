import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Rng } from './prng.js';

/**
 * How files travel between the bureau and the officers: USB sticks, e-mail, a messaging app. The courier
 * loses files, delivers some twice (a second copy, often under another name), delays them by hours to
 * weeks (so they arrive out of order), and renames them. In the quiet phase it delivers everything at once.
 */

export type ParcelKind = 'assignment' | 'weekly';

export interface Parcel {
  kind: ParcelKind;
  /** The officer the file is for (assignment) or from (weekly). */
  officer: number;
  sequence: number;
  packetId: string;
  /** The file as written by the sender. */
  path: string;
  sentAt: number;
}

export interface Delivery {
  parcel: Parcel;
  /** The copy in the recipient's inbox (renamed sometimes). */
  path: string;
  at: number;
  copy: number;
}

export interface CourierStats {
  sent: number;
  lost: number;
  duplicated: number;
  delivered: number;
  /** Deliveries that arrived after a later file of the same officer and direction had arrived. */
  reordered: number;
  renamed: number;
  /** Longest delay of a delivered file, in days. */
  maxDelayDays: number;
}

const HOUR = 3_600_000;

export class Courier {
  reliable = false;
  readonly stats: CourierStats = { sent: 0, lost: 0, duplicated: 0, delivered: 0, reordered: 0, renamed: 0, maxDelayDays: 0 };
  private pending: Delivery[] = [];
  private highest = new Map<string, number>();
  private copies = 0;

  constructor(
    private readonly rng: Rng,
    private readonly inboxDir: string,
    private readonly p = { lose: 0.1, duplicate: 0.1, rename: 0.3 },
  ) {
    mkdirSync(inboxDir, { recursive: true });
  }

  private delay(): number {
    if (this.reliable) return 0;
    const band = this.rng.weighted<'short' | 'medium' | 'long'>([
      ['short', 70],
      ['medium', 25],
      ['long', 5],
    ]);
    const hours = band === 'short' ? this.rng.range(0, 48) : band === 'medium' ? this.rng.range(49, 8 * 24) : this.rng.range(8 * 24 + 1, 21 * 24);
    return hours * HOUR;
  }

  send(parcel: Parcel): void {
    this.stats.sent += 1;
    if (!this.reliable && this.rng.chance(this.p.lose)) {
      this.stats.lost += 1;
      return;
    }
    const copies = !this.reliable && this.rng.chance(this.p.duplicate) ? 2 : 1;
    if (copies === 2) this.stats.duplicated += 1;
    for (let copy = 0; copy < copies; copy++) {
      this.pending.push({ parcel, path: '', at: parcel.sentAt + this.delay(), copy });
    }
  }

  /** Files that reached `officer` (or the bureau, officer = -1) by `now`, copied into the inbox, in the order they are picked up. */
  collect(recipient: 'bureau' | number, now: number): Delivery[] {
    const due = this.pending.filter(
      (d) => d.at <= now && (recipient === 'bureau' ? d.parcel.kind === 'weekly' : d.parcel.kind === 'assignment' && d.parcel.officer === recipient),
    );
    if (due.length === 0) return [];
    const dueSet = new Set(due);
    this.pending = this.pending.filter((d) => !dueSet.has(d));
    // Picked up in arrival order, except that files arriving together come in any order.
    const ordered = this.reliable
      ? due.sort((a, b) => a.at - b.at || a.parcel.sequence - b.parcel.sequence)
      : this.rng.shuffle(due).sort((a, b) => Math.floor(a.at / (6 * HOUR)) - Math.floor(b.at / (6 * HOUR)));
    for (const d of ordered) {
      this.copies += 1;
      const renamed = !this.reliable && this.rng.chance(this.p.rename);
      if (renamed) this.stats.renamed += 1;
      const name = renamed
        ? `微信文件-${String(this.copies).padStart(6, '0')}.zip`
        : `${String(this.copies).padStart(6, '0')}-${d.parcel.path.split(/[\\/]/).at(-1)}`;
      d.path = join(this.inboxDir, name);
      copyFileSync(d.parcel.path, d.path);
      this.stats.delivered += 1;
      this.stats.maxDelayDays = Math.max(this.stats.maxDelayDays, Math.round(((d.at - d.parcel.sentAt) / (24 * HOUR)) * 10) / 10);
      const key = `${d.parcel.kind}:${d.parcel.officer}`;
      const high = this.highest.get(key) ?? 0;
      if (d.parcel.sequence < high) this.stats.reordered += 1;
      else this.highest.set(key, d.parcel.sequence);
    }
    return ordered;
  }

  /** Makes every file still on its way due now (the quiet phase starts). */
  flush(now: number): void {
    for (const d of this.pending) d.at = Math.min(d.at, now);
  }

  get inFlight(): number {
    return this.pending.length;
  }
}
