import type { Migration } from './types.js';

/**
 * The first schema. Every record has a UUID primary key so files from the bureau and from officers merge
 * without collisions. Comments on each table say who owns its fields: the bureau's assignment overwrites
 * only bureau-owned columns; officer-owned rows are append-only events.
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
    -- Key/value settings: officer identity, language, pinned bureau key, last assignment applied.
    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    -- Bureau-owned: the project as assigned. archived_at set when the bureau withdraws it (never deleted).
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
      officer_id TEXT NOT NULL,
      plan_year INTEGER NOT NULL,
      annual_planned_investment REAL NOT NULL CHECK (annual_planned_investment >= 0),
      total_investment REAL CHECK (total_investment IS NULL OR total_investment >= 0),
      location TEXT NOT NULL DEFAULT '',
      archived_at TEXT
    ) STRICT;

    -- Bureau-owned plan (倒排工期).
    CREATE TABLE milestones (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      kind TEXT NOT NULL CHECK (kind IN ('construction_start','statistics_enrolment','production_start','design_output','other')),
      title TEXT NOT NULL,
      planned_on TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX milestones_project ON milestones(project_id);

    -- Officer-owned, append-only: a milestone reached.
    CREATE TABLE milestone_reports (
      id TEXT PRIMARY KEY,
      milestone_id TEXT NOT NULL REFERENCES milestones(id),
      reached_on TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL
    ) STRICT;
    CREATE INDEX milestone_reports_milestone ON milestone_reports(milestone_id);

    -- Bureau-owned when origin = 'bureau' (title, due date); the officer may add items of their own.
    CREATE TABLE checklist_items (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      stage TEXT NOT NULL,
      title TEXT NOT NULL,
      due_on TEXT NOT NULL,
      sort_order INTEGER NOT NULL DEFAULT 0,
      origin TEXT NOT NULL CHECK (origin IN ('bureau','officer')),
      withdrawn_at TEXT
    ) STRICT;
    CREATE INDEX checklist_items_project ON checklist_items(project_id);

    -- Officer-owned, append-only: close-off (销号) and reopening.
    CREATE TABLE checklist_events (
      id TEXT PRIMARY KEY,
      item_id TEXT NOT NULL REFERENCES checklist_items(id),
      action TEXT NOT NULL CHECK (action IN ('close_off','reopen')),
      effective_on TEXT NOT NULL,
      note TEXT NOT NULL DEFAULT '',
      attachment_id TEXT,
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL
    ) STRICT;
    CREATE INDEX checklist_events_item ON checklist_events(item_id);

    -- Officer-owned, append-only: sponsor actions.
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
      recorded_by TEXT NOT NULL
    ) STRICT;
    CREATE INDEX visits_project ON visits(project_id, visited_on);

    -- Files kept beside the database (photos, evidence); the row records their hash.
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
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX attachments_owner ON attachments(owner_kind, owner_id);

    -- Raised by either side; the row never changes after it is raised.
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
      recorded_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX problems_project ON problems(project_id);

    -- Both sides append; merged as a union by id, state derived in order of (at, id).
    CREATE TABLE problem_events (
      id TEXT PRIMARY KEY,
      problem_id TEXT NOT NULL REFERENCES problems(id),
      action TEXT NOT NULL CHECK (action IN ('dispatch','coordinate','resolve','verify_close','reopen','note')),
      at TEXT NOT NULL,
      by TEXT NOT NULL,
      origin TEXT NOT NULL CHECK (origin IN ('bureau','officer')),
      note TEXT NOT NULL DEFAULT '',
      department TEXT,
      resolution TEXT
    ) STRICT;
    CREATE INDEX problem_events_problem ON problem_events(problem_id, at);

    -- Officer-owned, append-only: the latest entry for a month is the figure.
    CREATE TABLE investment_entries (
      id TEXT PRIMARY KEY,
      project_id TEXT NOT NULL REFERENCES projects(id),
      month TEXT NOT NULL,
      amount REAL NOT NULL CHECK (amount >= 0),
      recorded_at TEXT NOT NULL,
      recorded_by TEXT NOT NULL
    ) STRICT;
    CREATE INDEX investment_entries_project ON investment_entries(project_id, month);

    -- The outbox: every officer-owned record written gets a row in the same transaction.
    -- Weekly packets carry every row the bureau has not acknowledged.
    CREATE TABLE change_log (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      entity TEXT NOT NULL,
      record_id TEXT NOT NULL,
      recorded_at TEXT NOT NULL,
      payload TEXT NOT NULL
    ) STRICT;
    CREATE UNIQUE INDEX change_log_record ON change_log(entity, record_id);
  `,
};
