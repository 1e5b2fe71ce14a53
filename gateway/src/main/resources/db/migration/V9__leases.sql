-- Leases of a Party's cluster (docs/deployment.md, "Cluster"): who does a piece of work (the
-- delivery lane of a peer, the timers, retention) and under which epoch. A takeover increments the
-- epoch and every fenced write checks it, so a member that lost its lease (killed, hung, cut off)
-- can no longer change the work's rows. Rows are never deleted: a released lease keeps its epoch,
-- so an epoch is never handed out twice.
CREATE TABLE lease (
  name        VARCHAR(100) PRIMARY KEY,
  holder      VARCHAR(200) NOT NULL,
  epoch       BIGINT       NOT NULL,
  acquired_at BIGINT       NOT NULL,
  expires_at  BIGINT       NOT NULL
);
