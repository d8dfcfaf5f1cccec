-- 0006: opt-in practice reminders, and members who register for a group exam before it opens.
-- Times are Unix milliseconds (UTC); local dates are the group's, as yyyy-MM-dd.

-- Members who asked for a nudge when practice reviews are due. Off is the absence of a row.
CREATE TABLE practice_reminders (
    group_id      TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    enabled_at    INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;

-- One row per member nudged per local day, written with the nudge's outbox row: a second firing the same
-- day (a restart, a misfire replay) finds the row and nudges nobody twice.
CREATE TABLE practice_reminders_sent (
    group_id    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    local_date  TEXT NOT NULL,
    due         INTEGER NOT NULL,
    sent_at     INTEGER NOT NULL,
    PRIMARY KEY (group_id, user_id, local_date)
) WITHOUT ROWID;

-- Members who clicked Join (or /exam join) before the exam opened: named in the opening post, and
-- /exam resume starts their attempt once it is open.
CREATE TABLE exam_registrations (
    exam_id        INTEGER NOT NULL REFERENCES exams (id),
    user_id        TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    registered_at  INTEGER NOT NULL,
    PRIMARY KEY (exam_id, user_id)
) WITHOUT ROWID;
