-- 0005: imported question banks (a group's own, or the shared imported bank), official code sets and
-- their releases, and the per-group drills setting.

-- Imported questions. group_id '' is the shared imported bank (`studybot bank import` without --group);
-- any other value is that group's own bank. Re-importing a question with the same id replaces it.
CREATE TABLE bank_questions (
    group_id       TEXT NOT NULL,
    id             TEXT NOT NULL,
    area           TEXT NOT NULL,
    question_json  TEXT NOT NULL,
    source_file    TEXT NOT NULL,
    imported_at    INTEGER NOT NULL,
    PRIMARY KEY (group_id, id)
) WITHOUT ROWID;

-- One row per `studybot codes import`: what was read and what it held.
CREATE TABLE code_releases (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    system              TEXT NOT NULL,
    kind                TEXT NOT NULL,
    name                TEXT NOT NULL,
    file_name           TEXT NOT NULL,
    code_count          INTEGER NOT NULL,
    billable_count      INTEGER NOT NULL,
    header_count        INTEGER NOT NULL,
    modifier_count      INTEGER NOT NULL,
    discontinued_count  INTEGER NOT NULL,
    excluded_count      INTEGER NOT NULL,
    imported_at         INTEGER NOT NULL
);

-- The current code set of each system; an import replaces the system's rows in one transaction.
CREATE TABLE code_entries (
    system             TEXT NOT NULL,
    code               TEXT NOT NULL,
    release_id         INTEGER NOT NULL REFERENCES code_releases (id),
    is_header          INTEGER NOT NULL,
    is_modifier        INTEGER NOT NULL,
    is_discontinued    INTEGER NOT NULL,
    short_description  TEXT NOT NULL,
    long_description   TEXT NOT NULL,
    ord                INTEGER NOT NULL,
    added_date         TEXT,
    effective_date     TEXT,
    termination_date   TEXT,
    PRIMARY KEY (system, code)
) WITHOUT ROWID;

-- Codes an ICD-10-CM addenda file adds, for "new this year" drills; replaced by each addenda import.
CREATE TABLE code_additions (
    system             TEXT NOT NULL,
    code               TEXT NOT NULL,
    release_id         INTEGER NOT NULL REFERENCES code_releases (id),
    PRIMARY KEY (system, code)
) WITHOUT ROWID;

-- Mix generated code drills into the group's daily questions.
ALTER TABLE groups ADD COLUMN drills INTEGER NOT NULL DEFAULT 0;
