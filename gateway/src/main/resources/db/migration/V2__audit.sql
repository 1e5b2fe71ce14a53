-- Audit log (Art. 14.8): who did what, when, on which case and message. Append-only and
-- hash-chained; the exact hash encoding and the checks are in docs/audit.md. Same portable style
-- as V1 (epoch milliseconds, BYTEA).

-- One row per action. seq is assigned by the appender (last + 1 under the head lock), not by an
-- identity column: identity sequences skip values when a transaction rolls back, and the chain
-- must be dense so that a deleted row shows up as a gap.
CREATE TABLE audit_log (
  seq              BIGINT        PRIMARY KEY,
  at               BIGINT        NOT NULL,
  actor            VARCHAR(128)  NOT NULL,
  action           VARCHAR(64)   NOT NULL,
  case_id          VARCHAR(64),
  message_id       VARCHAR(64),
  details          VARCHAR(1000) NOT NULL,
  prev_hash        BYTEA         NOT NULL,
  entry_hash       BYTEA         NOT NULL
);
CREATE INDEX audit_log_case ON audit_log (case_id, seq);
CREATE INDEX audit_log_message ON audit_log (message_id);

-- The chain's head: the last entry's seq and hash (NULL while the log is empty). Exactly one row.
-- Every append locks it (SELECT ... FOR UPDATE), which serializes appends across threads,
-- processes and cluster members; verify compares it with the last entry, which detects a log
-- whose end was cut off.
CREATE TABLE audit_head (
  id               SMALLINT      PRIMARY KEY,
  last_seq         BIGINT        NOT NULL,
  last_hash        BYTEA
);
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, NULL);
