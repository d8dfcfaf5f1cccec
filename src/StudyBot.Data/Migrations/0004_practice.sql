-- 0004: personal practice. FSRS memory per member and question, every answer FSRS learned from
-- (practice, revealed daily rounds, exams), and practice sessions stored answer by answer.
-- Times are Unix milliseconds (UTC). Members are platform user ids: memory follows the person, not the group.

CREATE TABLE review_cards (
    user_id      TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    area         TEXT NOT NULL,
    stability    REAL NOT NULL,
    difficulty   REAL NOT NULL,
    last_review  INTEGER NOT NULL,
    due          INTEGER NOT NULL,
    reps         INTEGER NOT NULL,
    lapses       INTEGER NOT NULL,
    PRIMARY KEY (user_id, question_id)
) WITHOUT ROWID;
CREATE INDEX review_cards_due ON review_cards (user_id, due);

CREATE TABLE review_log (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      TEXT NOT NULL,
    group_id     TEXT NOT NULL,
    question_id  TEXT NOT NULL,
    area         TEXT NOT NULL,
    correct      INTEGER NOT NULL,
    source       TEXT NOT NULL CHECK (source IN ('practice', 'daily', 'exam')),
    answered_at  INTEGER NOT NULL,
    time_taken   INTEGER,
    stability    REAL NOT NULL,
    difficulty   REAL NOT NULL,
    due          INTEGER NOT NULL
);
CREATE INDEX review_log_user ON review_log (user_id, answered_at);

CREATE TABLE practice_sessions (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id              TEXT NOT NULL,
    group_id             TEXT NOT NULL,
    area                 TEXT,
    target               INTEGER NOT NULL,
    answered             INTEGER NOT NULL DEFAULT 0,
    correct              INTEGER NOT NULL DEFAULT 0,
    current_question_id  TEXT,
    current_served_at    INTEGER,
    status               TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'finished')),
    started_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL
);
-- At most one open session per member and group: /practice resumes it.
CREATE UNIQUE INDEX practice_sessions_open ON practice_sessions (user_id, group_id) WHERE status = 'open';

CREATE TABLE practice_answers (
    session_id   INTEGER NOT NULL REFERENCES practice_sessions (id),
    question_id  TEXT NOT NULL,
    answer       TEXT NOT NULL,
    correct      INTEGER NOT NULL,
    answered_at  INTEGER NOT NULL,
    PRIMARY KEY (session_id, question_id)
) WITHOUT ROWID;
