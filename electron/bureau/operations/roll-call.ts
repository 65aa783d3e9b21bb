import type { HandlerGroup } from '../../handlers/registry.js';
import type { BureauContext } from '../context.js';
import { listOfficers } from '../repository.js';

interface Latest {
  sequence: number;
  at: string;
}

/** Per officer, the newest row of a table by time (a packet not voided, or an assignment), with its number. */
function latestByOfficer(ctx: BureauContext, sql: string): Map<string, Latest> {
  const rows = ctx.db.prepare(sql).all() as ({ officerId: string } & Latest)[];
  return new Map(rows.map((r) => [r.officerId, r]));
}

/** Each officer's latest packet not voided: its number and when it was received (the roll call, the project table). */
export function lastPackets(ctx: BureauContext): Map<string, Latest> {
  return latestByOfficer(
    ctx,
    `SELECT officer_id AS officerId, sequence, received_at AS at FROM received_packets p WHERE voided_at IS NULL
       AND received_at = (SELECT max(received_at) FROM received_packets q WHERE q.officer_id = p.officer_id AND q.voided_at IS NULL)`,
  );
}

/** The roll call (报送情况): what each officer last sent and what the bureau last wrote back, for "who has not sent this week". */
export function rollCall(ctx: BureauContext) {
  const packets = lastPackets(ctx);
  const assignments = latestByOfficer(
    ctx,
    `SELECT officer_id AS officerId, acknowledged_sequence AS sequence, created_at AS at FROM assignments a
       WHERE sequence = (SELECT max(sequence) FROM assignments b WHERE b.officer_id = a.officer_id)`,
  );
  return listOfficers(ctx.db).map((o) => {
    const packet = packets.get(o.id);
    const assignment = assignments.get(o.id);
    return {
      officerId: o.id,
      lastPacketSequence: packet?.sequence ?? null,
      lastPacketAt: packet?.at ?? null,
      lastAssignmentAt: assignment?.at ?? null,
      acknowledgedSequence: assignment?.sequence ?? null,
    };
  });
}

export const rollCallHandlers: HandlerGroup<'bureau.officers.rollCall'> = { 'bureau.officers.rollCall': (_input, ctx) => rollCall(ctx) };
