import type { Migration } from './types.js';

/**
 * File sync with the bureau (issue 4): which assignments were applied, which weekly packets were exported,
 * and conflicts found while merging. None of these is domain data: they record the exchange itself.
 * Keys live in `settings` ('officer_key', 'bureau_key'); see docs/packets.md.
 */
export const migration002: Migration = {
  version: 2,
  name: 'sync with the bureau',
  up: `
    -- One row per assignment file applied. The same packet id again is "already imported";
    -- a sequence not above the highest here is stale.
    CREATE TABLE assignment_imports (
      packet_id TEXT PRIMARY KEY,
      sequence INTEGER NOT NULL UNIQUE,
      officer_id TEXT NOT NULL,
      manifest_sha256 TEXT NOT NULL,
      file_name TEXT NOT NULL,
      file_sha256 TEXT NOT NULL,
      created_at TEXT NOT NULL,
      applied_at TEXT NOT NULL,
      -- The highest weekly-packet sequence the bureau said it had received.
      acknowledged_weekly_sequence INTEGER NOT NULL,
      -- JSON: the change summary the officer saw and confirmed.
      summary TEXT NOT NULL,
      backup_path TEXT
    ) STRICT;

    -- One row per weekly packet written. A packet carries change_log rows (after_seq, through_seq];
    -- when the bureau acknowledges sequence N, every change up to N's through_seq is received.
    CREATE TABLE packet_exports (
      sequence INTEGER PRIMARY KEY,
      packet_id TEXT NOT NULL UNIQUE,
      exported_at TEXT NOT NULL,
      file_name TEXT NOT NULL,
      file_path TEXT NOT NULL,
      file_sha256 TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      after_seq INTEGER NOT NULL,
      through_seq INTEGER NOT NULL,
      change_count INTEGER NOT NULL,
      photo_count INTEGER NOT NULL,
      counts TEXT NOT NULL,
      acknowledged_at TEXT
    ) STRICT;

    -- A record that arrived with an id this store already has but different content. Both versions are
    -- kept here; the stored record is never overwritten.
    CREATE TABLE sync_conflicts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL,
      record_id TEXT NOT NULL,
      local_version TEXT NOT NULL,
      incoming_version TEXT NOT NULL,
      incoming_sha256 TEXT NOT NULL,
      packet_id TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      resolved_at TEXT,
      UNIQUE (entity, record_id, incoming_sha256)
    ) STRICT;
  `,
};
