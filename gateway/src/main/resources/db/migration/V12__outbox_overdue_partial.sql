-- The deadline sweep (every second) asks for the pending entries past their deadline that were not
-- escalated yet. Through outbox_pending (state, ...) it visited every pending entry of the node
-- and read its row: a cost growing with the backlog (a peer unreachable for hours, or a burst).
-- A partial index on deadline_at of exactly those entries makes it a range read of the overdue ones.
CREATE INDEX outbox_overdue ON outbox (deadline_at) WHERE state = 'PENDING' AND escalated_at IS NULL;
