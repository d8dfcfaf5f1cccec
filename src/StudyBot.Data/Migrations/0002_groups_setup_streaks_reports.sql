-- 0002: self-service group settings, answer streaks, question reports, weekly challenge results.

-- Content areas the daily question draws from: comma-separated area keys; empty means all areas.
ALTER TABLE groups ADD COLUMN areas TEXT NOT NULL DEFAULT '';
-- Role handed to the week's winners (optional).
ALTER TABLE groups ADD COLUMN winner_role_id TEXT;
-- Why the group is paused, when the bot paused it (channel deleted, permission removed).
ALTER TABLE groups ADD COLUMN paused_reason TEXT;

-- A member's run of consecutive daily rounds answered. Rounds that never happened (a paused group,
-- a skipped day) are not in the chain, so they cannot break it.
CREATE TABLE member_streaks (
    group_id        TEXT NOT NULL,
    user_id         TEXT NOT NULL,
    current         INTEGER NOT NULL,
    best            INTEGER NOT NULL,
    last_round_date TEXT NOT NULL,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;

CREATE TABLE question_reports (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id      TEXT NOT NULL,
    question_id   TEXT NOT NULL,
    round_id      INTEGER REFERENCES daily_rounds (id),
    user_id       TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    reason        TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    resolved_at   INTEGER,
    resolved_by   TEXT,
    resolution    TEXT
);
-- One open report per member and question: a second click updates nothing.
CREATE UNIQUE INDEX question_reports_open ON question_reports (group_id, question_id, user_id) WHERE resolved_at IS NULL;

-- The weekly close posts once per group and week, however often its trigger fires.
CREATE TABLE weekly_results (
    group_id   TEXT NOT NULL,
    week       TEXT NOT NULL,
    posted_at  INTEGER NOT NULL,
    PRIMARY KEY (group_id, week)
) WITHOUT ROWID;
