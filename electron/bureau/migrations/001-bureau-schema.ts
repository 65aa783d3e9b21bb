import type { Migration } from '../../store/migrations/types.js';

/**
 * The bureau desk's first schema. Bureau-owned tables (officers, projects, milestones, checklist items,
 * assignments) are written by import-master and assign; officer-owned tables mirror the officer store's
 * columns plus who sent each record and in which packet, and are only ever appended to by ingest (a union
 * by id; the same id with different content goes to `conflicts`, nothing is overwritten).
 */
export const bureauMigration001: Migration = {
  version: 1,
  name: 'bureau schema',
  up: `
    -- Key/value settings: the bureau key's fingerprint, when the desk was set up.
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- Sponsor officers. Matched by (name, unit) on import-master. The public key verifies their packets:
    -- key_source 'file' (officers add --key) or 'first_packet' (trusted on first use, see docs/bureau.md).
    CREATE TABLE officers (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      unit TEXT NOT NULL,
      phone TEXT NOT NULL DEFAULT '',
      public_key_pem TEXT,
      key_fingerprint TEXT,
      key_source TEXT CHECK (key_source IS NULL OR key_source IN ('file','first_packet')),
      key_registered_at TEXT,
      created_at TEXT NOT NULL,
      UNIQUE (name, unit)
    ) STRICT;

    -- Every accepted master-list import.
    CREATE TABLE master_imports (
      id TEXT PRIMARY KEY,
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      imported_at TEXT NOT NULL,
      rows INTEGER NOT NULL,
      added INTEGER NOT NULL,
      updated INTEGER NOT NULL,
      unchanged INTEGER NOT NULL,
      withdrawn INTEGER NOT NULL,
      restored INTEGER NOT NULL
    ) STRICT;

    -- Bureau-owned: the same columns as the officer store's projects. Id derived from the code.
    CREATE TABLE projects (
      id TEXT PRIMARY KEY,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      company TEXT NOT NULL DEFAULT '',
      level TEXT NOT NULL CHECK (level IN ('provincial','municipal','district')),
      industry TEXT NOT NULL DEFAULT '',
      stage TEXT NOT NULL CHECK (stage IN ('preliminary_approval','factor_guarantee','construction','statistics_enrolment','production_start','design_output')),
      sponsoring_leader TEXT NOT NULL,
      sponsoring_unit TEXT NOT NULL,
      officer_id TEXT NOT NULL REFERENCES officers(id),
      plan_year INTEGER NOT NULL,
      annual_planned_investment REAL NOT NULL CHECK (annual_planned_investment >= 0),
      total_investment REAL CHECK (total_investment IS NULL OR total_investment >= 0),
      location TEXT NOT NULL DEFAULT '',
      archived_at TEXT,
      checklist_source TEXT NOT NULL DEFAULT '',
      master_row INTEGER
    ) STRICT;
    CREATE INDEX projects_officer ON projects(officer_id);

    -- History: one row per project per import that added, changed, withdrew or restored it,
    -- with the old and new values of the fields that changed.
    CREATE TABLE project_revisions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      project_id TEXT NOT NULL REFERENCES projects(id),
      import_id TEXT NOT NULL REFERENCES master_imports(id),
      change TEXT NOT NULL CHECK (change IN ('added','updated','withdrawn','restored')),
      old_values TEXT NOT NULL,
      new_values TEXT NOT NULL,
      changed_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX project_revisions_project ON project_revisions(project_id, id);

    -- Bureau-owned plan. withdrawn_at: dropped from the master list (kept, no longer assigned).
    CREATE TABLE milestones (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      kind TEXT NOT NULL CHECK (kind IN ('construction_start','statistics_enrolment','production_start','design_output','other')),
      title TEXT NOT NULL,
      planned_on TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0,
      withdrawn_at TEXT
    ) STRICT;
    CREATE INDEX milestones_project ON milestones(project_id);

    -- Bureau items from the master list (origin 'bureau'), and officers' own items folded from packets.
    CREATE TABLE checklist_items (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      stage TEXT NOT NULL,
      title TEXT NOT NULL,
      due_on TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0,
      origin TEXT NOT NULL CHECK (origin IN ('bureau','officer')),
      withdrawn_at TEXT,
      officer_id TEXT,
      packet_id TEXT
    ) STRICT;
    CREATE INDEX checklist_items_project ON checklist_items(project_id);

    -- Assignment files written: one sequence per officer, and what each acknowledged.
    CREATE TABLE assignments (
      officer_id TEXT NOT NULL REFERENCES officers(id),
      sequence INTEGER NOT NULL,
      packet_id TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      acknowledged_sequence INTEGER NOT NULL,
      projects INTEGER NOT NULL,
      PRIMARY KEY (officer_id, sequence)
    ) STRICT;

    -- Weekly packets folded. A packet id seen again is a duplicate and changes nothing.
    CREATE TABLE received_packets (
      packet_id TEXT PRIMARY KEY,
      officer_id TEXT NOT NULL REFERENCES officers(id),
      sequence INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      file_name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      received_at TEXT NOT NULL,
      counts TEXT NOT NULL
    ) STRICT;
    CREATE INDEX received_packets_officer ON received_packets(officer_id, sequence);

    -- Officer-owned records, folded from packets: the officer store's columns + sender + first packet.
    CREATE TABLE visits (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      visited_on TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('site_visit','meeting','call','coordination')),
      participants TEXT NOT NULL DEFAULT '',
      summary TEXT NOT NULL,
      findings TEXT NOT NULL DEFAULT '',
      follow_ups TEXT NOT NULL DEFAULT '',
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      officer_id TEXT,
      packet_id TEXT
    ) STRICT;
    CREATE INDEX visits_project ON visits(project_id, visited_on);

    -- Photo and evidence metadata; the files sit beside the database, named by SHA-256.
    CREATE TABLE attachments (
      id TEXT PRIMARY KEY,
      owner_kind TEXT NOT NULL CHECK (owner_kind IN ('visit','checklist_event','problem_event')),
      owner_id TEXT NOT NULL,
      file_name TEXT NOT NULL,
      mime_type TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      bytes INTEGER NOT NULL,
      width INTEGER,
      height INTEGER,
      recorded_at TEXT NOT NULL,
      file_stored INTEGER NOT NULL DEFAULT 0,
      officer_id TEXT,
      packet_id TEXT
    ) STRICT;
    CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);

    CREATE TABLE checklist_events (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL REFERENCES checklist_items(id),
      action TEXT NOT NULL CHECK (action IN ('close_off','reopen')),
      effective_on TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      attachment_id TEXT,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      officer_id TEXT,
      packet_id TEXT
    ) STRICT;
    CREATE INDEX checklist_events_item ON checklist_events(item_id);

    CREATE TABLE milestone_reports (
      id TEXT PRIMARY KEY,
      milestone_id TEXT NOT NULL REFERENCES milestones(id),
      reached_on TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      officer_id TEXT,
      packet_id TEXT
    ) STRICT;
    CREATE INDEX milestone_reports_milestone ON milestone_reports(milestone_id);

    CREATE TABLE problems (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      category TEXT NOT NULL CHECK (category IN ('policy','approval','land','capital','energy_quota','power_water','labour','other')),
      description TEXT NOT NULL,
      responsible_department TEXT NOT NULL DEFAULT '',
      coordinating_leader TEXT NOT NULL DEFAULT '',
      due_on TEXT,
      origin TEXT NOT NULL CHECK (origin IN ('bureau','officer')),
      raised_on TEXT NOT NULL,
      raised_by TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      officer_id TEXT,
      packet_id TEXT
    ) STRICT;
    CREATE INDEX problems_project ON problems(project_id);

    CREATE TABLE problem_events (
      id TEXT PRIMARY KEY,
      problem_id TEXT NOT NULL REFERENCES problems(id),
      action TEXT NOT NULL CHECK (action IN ('dispatch','coordinate','resolve','verify_close','reopen','note')),
      at TEXT NOT NULL,
      by TEXT NOT NULL,
      origin TEXT NOT NULL CHECK (origin IN ('bureau','officer')),
      note TEXT NOT NULL DEFAULT '',
      department TEXT,
      resolution TEXT,
      officer_id TEXT,
      packet_id TEXT
    ) STRICT;
    CREATE INDEX problem_events_problem ON problem_events(problem_id, at);

    CREATE TABLE investment_entries (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      month TEXT NOT NULL,
      amount REAL NOT NULL CHECK (amount >= 0),
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL,
      officer_id TEXT,
      packet_id TEXT
    ) STRICT;
    CREATE INDEX investment_entries_project ON investment_entries(project_id, month);

    -- The same id arrived with different content: both versions kept here, the first one stays in force.
    CREATE TABLE conflicts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL,
      record_id TEXT NOT NULL,
      officer_id TEXT NOT NULL,
      packet_id TEXT NOT NULL,
      existing TEXT NOT NULL,
      incoming TEXT NOT NULL,
      detected_at TEXT NOT NULL,
      UNIQUE (entity, record_id, incoming)
    ) STRICT;
  `,
};
