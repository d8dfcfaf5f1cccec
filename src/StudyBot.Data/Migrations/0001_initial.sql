-- 0001: groups, the outbox, daily rounds and answers, leaderboard aggregates.
-- Times are Unix milliseconds (UTC); group-local dates are 'yyyy-MM-dd' text.

CREATE TABLE groups (
    id          TEXT PRIMARY KEY,
    platform    TEXT NOT NULL,
    channel_id  TEXT NOT NULL,
    time_zone   TEXT NOT NULL,
    daily_at    TEXT NOT NULL,
    reveal_at   TEXT NOT NULL,
    week_start  INTEGER NOT NULL,
    paused      INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL
);

CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id    TEXT NOT NULL,
    action        TEXT NOT NULL CHECK (action IN ('send', 'edit')),
    message_json  TEXT NOT NULL,
    edit_of       INTEGER REFERENCES outbox (id),
    state         TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    not_before    INTEGER NOT NULL,
    message_id    TEXT,
    last_error    TEXT,
    created_at    INTEGER NOT NULL,
    done_at       INTEGER
);
CREATE INDEX outbox_due ON outbox (not_before, id) WHERE state = 'pending';

CREATE TABLE daily_rounds (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id        TEXT NOT NULL,
    local_date      TEXT NOT NULL,
    question_id     TEXT NOT NULL,
    question_json   TEXT NOT NULL,
    channel_id      TEXT NOT NULL,
    opened_at       INTEGER NOT NULL,
    reveal_at       INTEGER NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'revealed')),
    revealed_at     INTEGER,
    post_outbox_id  INTEGER REFERENCES outbox (id),
    UNIQUE (group_id, local_date)
);
CREATE INDEX daily_rounds_open ON daily_rounds (group_id, status, reveal_at);

CREATE TABLE daily_answers (
    round_id      INTEGER NOT NULL REFERENCES daily_rounds (id),
    user_id       TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    answer        TEXT NOT NULL,
    answered_at   INTEGER NOT NULL,
    PRIMARY KEY (round_id, user_id)
) WITHOUT ROWID;
CREATE INDEX daily_answers_user ON daily_answers (user_id, round_id);

-- Credited at reveal, in the reveal's transaction: a top-10 read is an index range scan.
CREATE TABLE board_points (
    group_id      TEXT NOT NULL,
    period        TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    points        INTEGER NOT NULL DEFAULT 0,
    answered      INTEGER NOT NULL DEFAULT 0,
    correct       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, period, user_id)
) WITHOUT ROWID;
CREATE INDEX board_points_top ON board_points (group_id, period, points DESC, display_name);

CREATE TABLE member_area_stats (
    group_id  TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    area      TEXT NOT NULL,
    answered  INTEGER NOT NULL DEFAULT 0,
    correct   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, user_id, area)
) WITHOUT ROWID;
