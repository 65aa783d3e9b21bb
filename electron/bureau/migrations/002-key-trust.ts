import type { Migration } from '../../store/migrations/types.js';

/**
 * Keys are accepted by a person, never by the first packet that names an officer (issue 9, point 2;
 * docs/bureau.md "Officers and their keys"):
 * - `pending_packets`: packets signed by a key the bureau has not accepted for their officer. They fold
 *   nothing; the file is archived under the bureau's files folder until someone accepts or rejects the key.
 * - `key_decisions`: who decided what about which key (accepted, rejected, replaced), so a rejected key's
 *   later packets are refused and the history is visible.
 * - `received_packets` learns which key signed each packet and whether it was voided (a replaced or rejected
 *   key's packets: kept, but no longer counted or acknowledged).
 * - `voided_records`: the records and conflict rows a voided packet delivered, moved out of the tables the
 *   summary, the ledger, the problem list and the assignments read, kept here whole (JSON) and visible.
 * - `officers.key_confirmed`: how the key in force was confirmed ('file', 'read_back'); NULL for a key an
 *   older desk registered on first use without anyone confirming it.
 */
export const bureauMigration002: Migration = {
  version: 2,
  name: 'key trust: pending packets, key decisions, voided packets',
  up: `
    CREATE TABLE pending_packets (
      packet_id TEXT PRIMARY KEY,
      officer_id TEXT NOT NULL REFERENCES officers(id),
      -- The sender's name as the packet gives it (the bureau's own name for the officer is in officers).
      officer_name TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      public_key_pem TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      file_name TEXT NOT NULL,
      -- The archived packet, relative to the bureau's files folder (never deleted).
      archive_path TEXT NOT NULL,
      created_at TEXT NOT NULL,
      received_at TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','folded','refused','rejected')),
      decided_at TEXT,
      -- JSON: the refusal when folding it after acceptance failed.
      outcome TEXT
    ) STRICT;
    CREATE INDEX pending_packets_officer ON pending_packets(officer_id, fingerprint, status, sequence);

    CREATE TABLE key_decisions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      officer_id TEXT NOT NULL REFERENCES officers(id),
      fingerprint TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('accepted','rejected','replaced')),
      decided_at TEXT NOT NULL,
      how TEXT NOT NULL DEFAULT ''
    ) STRICT;
    CREATE INDEX key_decisions_officer ON key_decisions(officer_id, fingerprint);

    ALTER TABLE received_packets ADD COLUMN key_fingerprint TEXT;
    ALTER TABLE received_packets ADD COLUMN voided_at TEXT;
    ALTER TABLE received_packets ADD COLUMN voided_reason TEXT;
    -- Before this version every folded packet verified with the key registered at the time; the best
    -- knowledge left is the key in force now.
    UPDATE received_packets SET key_fingerprint = (SELECT key_fingerprint FROM officers WHERE officers.id = received_packets.officer_id);

    CREATE TABLE voided_records (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('record','conflict')),
      entity TEXT NOT NULL,
      record_id TEXT NOT NULL,
      officer_id TEXT,
      -- The voided packet that delivered it (NULL for a bureau record set aside with its voided parent).
      packet_id TEXT,
      record TEXT NOT NULL,
      reason TEXT NOT NULL,
      voided_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX voided_records_packet ON voided_records(packet_id);

    ALTER TABLE officers ADD COLUMN key_confirmed TEXT CHECK (key_confirmed IS NULL OR key_confirmed IN ('file','read_back'));
    UPDATE officers SET key_confirmed = 'file' WHERE key_source = 'file';
  `,
};
