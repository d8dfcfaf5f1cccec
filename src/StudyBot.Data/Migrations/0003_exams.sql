-- 0003: mock exams (group sittings and solo practice), attempts, answers, the exam board and name opt-outs.
-- Times are Unix milliseconds (UTC), as in 0001.

CREATE TABLE exams (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id        TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('group', 'practice')),
    owner_id        TEXT NOT NULL,
    channel_id      TEXT NOT NULL,
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL,
    question_count  INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('scheduled', 'open', 'closed', 'cancelled')),
    created_at      INTEGER NOT NULL,
    closed_at       INTEGER
);
CREATE INDEX exams_group ON exams (group_id, kind, status, starts_at);

-- Snapshots: a later bank edit never changes the key of a question members answered.
CREATE TABLE exam_questions (
    exam_id        INTEGER NOT NULL REFERENCES exams (id),
    position       INTEGER NOT NULL,
    question_id    TEXT NOT NULL,
    area           TEXT NOT NULL,
    question_json  TEXT NOT NULL,
    PRIMARY KEY (exam_id, position)
) WITHOUT ROWID;

CREATE TABLE exam_attempts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    exam_id         INTEGER NOT NULL REFERENCES exams (id),
    user_id         TEXT NOT NULL,
    display_name    TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'in_progress' CHECK (status IN ('in_progress', 'submitted')),
    position        INTEGER NOT NULL DEFAULT 0,
    screen          INTEGER NOT NULL DEFAULT 0,
    submitted_at    INTEGER,
    auto_submitted  INTEGER NOT NULL DEFAULT 0,
    correct         INTEGER,
    report_seen     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (exam_id, user_id)
);
CREATE INDEX exam_attempts_user ON exam_attempts (user_id, status);

-- One row per attempt and question, upserted on every click.
CREATE TABLE exam_answers (
    attempt_id   INTEGER NOT NULL REFERENCES exam_attempts (id),
    position     INTEGER NOT NULL,
    choice       TEXT CHECK (choice IN ('A', 'B', 'C', 'D')),
    flagged      INTEGER NOT NULL DEFAULT 0,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (attempt_id, position)
) WITHOUT ROWID;

-- Credited at a group exam's close, in the close's transaction.
CREATE TABLE exam_board (
    group_id         TEXT NOT NULL,
    user_id          TEXT NOT NULL,
    display_name     TEXT NOT NULL,
    exams            INTEGER NOT NULL DEFAULT 0,
    passes           INTEGER NOT NULL DEFAULT 0,
    best_permille    INTEGER NOT NULL DEFAULT 0,
    total_correct    INTEGER NOT NULL DEFAULT 0,
    total_questions  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
CREATE INDEX exam_board_top ON exam_board (group_id, best_permille DESC, display_name);

-- Members who asked not to be named in exam results and on the exam board.
CREATE TABLE exam_unnamed (
    group_id  TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
