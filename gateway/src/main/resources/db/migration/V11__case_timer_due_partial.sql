-- Due timers are looked up among the active ones only. As (status, due_at), SQLite without
-- planner statistics (a new store, until the writer's first PRAGMA optimize) took this index for
-- the cancel of one track's timer (track_id = ? AND status = 'ACTIVE') and walked every active
-- timer of the node for each message. As a partial index on due_at it serves the sweep alone, and
-- the cancel always goes through case_timer_track.
DROP INDEX case_timer_due;
CREATE INDEX case_timer_due ON case_timer (due_at) WHERE status = 'ACTIVE';
