-- 0007: an exam's announcement and warning posts are made once per stage, however often a stage fires
-- (a trigger replayed after a restart, a misfire handled late).
CREATE TABLE exam_stage_posts (
    exam_id    INTEGER NOT NULL REFERENCES exams (id),
    stage      TEXT NOT NULL,
    posted_at  INTEGER NOT NULL,
    PRIMARY KEY (exam_id, stage)
) WITHOUT ROWID;
