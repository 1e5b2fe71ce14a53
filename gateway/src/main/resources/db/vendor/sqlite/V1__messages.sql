-- Relay247 node store, SQLite version (db/vendor/postgresql has the PostgreSQL one). The two differ
-- only in the generated keys: SQLite has no identity columns, so seq and id are INTEGER PRIMARY KEY
-- AUTOINCREMENT (the rowid; AUTOINCREMENT never reuses a value, so they stay monotonic).
-- Times are epoch milliseconds (UTC); bytes are stored exactly as received or sent.

-- Envelopes received, opened and accepted: the inbox. One row per message id (idempotency).
CREATE TABLE inbox (
  seq              INTEGER       PRIMARY KEY AUTOINCREMENT,
  message_id       VARCHAR(36)   NOT NULL UNIQUE,
  sender           VARCHAR(64)   NOT NULL,
  recipient        VARCHAR(64)   NOT NULL,
  priority_rank    SMALLINT      NOT NULL,
  case_id          VARCHAR(36),
  reply_to_id      VARCHAR(36),
  body_case        VARCHAR(64)   NOT NULL,
  created_at       BIGINT        NOT NULL,
  received_at      BIGINT        NOT NULL,
  signed_at        BIGINT        NOT NULL,
  signer_subject   VARCHAR(512)  NOT NULL,
  envelope         BYTEA         NOT NULL,
  envelope_sha256  BYTEA         NOT NULL,
  signed_data      BYTEA         NOT NULL,
  inner_message    BYTEA         NOT NULL,
  receipt          BYTEA         NOT NULL,
  acknowledged_at  BIGINT,
  acknowledged_by  VARCHAR(128)
);
CREATE INDEX inbox_case ON inbox (case_id);

-- Envelopes that failed a check: kept for audit with the signed rejection, never in the inbox.
CREATE TABLE quarantine (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id       VARCHAR(64),
  peer_party       VARCHAR(2)    NOT NULL,
  received_at      BIGINT        NOT NULL,
  reason           VARCHAR(64)   NOT NULL,
  detail           VARCHAR(2000) NOT NULL,
  envelope         BYTEA         NOT NULL,
  envelope_sha256  BYTEA         NOT NULL,
  rejection        BYTEA         NOT NULL
);

-- Messages to send: sealed once, delivered until a verified receipt arrives.
CREATE TABLE outbox (
  message_id       VARCHAR(36)   PRIMARY KEY,
  recipient        VARCHAR(64)   NOT NULL,
  recipient_party  VARCHAR(2)    NOT NULL,
  priority_rank    SMALLINT      NOT NULL,
  case_id          VARCHAR(36),
  body_case        VARCHAR(64)   NOT NULL,
  created_at       BIGINT        NOT NULL,
  deadline_at      BIGINT        NOT NULL,
  inner_message    BYTEA         NOT NULL,
  envelope         BYTEA         NOT NULL,
  sealed_at        BIGINT        NOT NULL,
  state            VARCHAR(16)   NOT NULL,
  attempts         INTEGER       NOT NULL DEFAULT 0,
  next_attempt_at  BIGINT        NOT NULL,
  last_error       VARCHAR(2000),
  escalated_at     BIGINT,
  receipt          BYTEA,
  receipt_status   VARCHAR(32),
  receipt_reason   VARCHAR(64),
  receipt_article  VARCHAR(16),
  completed_at     BIGINT
);
CREATE INDEX outbox_pending ON outbox (state, recipient_party, priority_rank, created_at);

-- Operator-visible alerts: a message undelivered past its deadline, and the like.
CREATE TABLE escalation (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  message_id       VARCHAR(36)   NOT NULL,
  kind             VARCHAR(32)   NOT NULL,
  raised_at        BIGINT        NOT NULL,
  detail           VARCHAR(2000) NOT NULL
);
