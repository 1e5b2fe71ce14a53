-- Art. 14 data-protection controls (docs/data-protection.md). Same portable style as V1
-- (epoch milliseconds, BYTEA). V3 belongs to the case engine; nothing here depends on it.

-- Art. 14.5: retention per case. A row exists once an operator set a period, the review worker
-- flagged the case, or the case was purged; other cases use the node's default period.
CREATE TABLE case_retention (
  case_id            VARCHAR(36)   PRIMARY KEY,
  -- NULL: the node's default (relay247.node.protection.retention-days).
  retention_days     INTEGER,
  set_by             VARCHAR(128),
  set_at             BIGINT,
  -- The worker found the period elapsed and asked a person to review (on-expiry = flag).
  review_flagged_at  BIGINT,
  purged_at          BIGINT,
  purged_by          VARCHAR(128)
);

-- Art. 14.5: signed proofs of purge (a PurgeRecord inner message in CMS SignedData), kept for good.
CREATE TABLE purge_proof (
  record_message_id  VARCHAR(36)   PRIMARY KEY,
  case_id            VARCHAR(36)   NOT NULL,
  purged_at          BIGINT        NOT NULL,
  purged_by          VARCHAR(128)  NOT NULL,
  message_count      INTEGER       NOT NULL,
  signed_record      BYTEA         NOT NULL
);
CREATE INDEX purge_proof_case ON purge_proof (case_id, purged_at);

-- Art. 14.15: suspensions of personal-data transfers with another Party, from SuspensionNotice
-- messages this node sent or received (step IMPOSED); a LIFTED notice sets lifted_at.
CREATE TABLE pair_suspension (
  notice_message_id  VARCHAR(36)   PRIMARY KEY,
  other_party        VARCHAR(2)    NOT NULL,
  suspending_party   VARCHAR(2)    NOT NULL,
  kind               VARCHAR(32)   NOT NULL,
  -- CooperationType names separated by commas; empty: all transfers of personal data.
  scope              VARCHAR(400)  NOT NULL,
  effective_from     BIGINT        NOT NULL,
  lifted_at          BIGINT,
  lifted_by          VARCHAR(36)
);
CREATE INDEX pair_suspension_party ON pair_suspension (other_party, lifted_at);

-- Art. 14.10: onward-transfer authorisation requests this node sent, and the decisions received.
CREATE TABLE onward_transfer (
  request_message_id VARCHAR(36)   PRIMARY KEY,
  case_id            VARCHAR(36)   NOT NULL,
  requested_of       VARCHAR(64)   NOT NULL,
  destination        VARCHAR(128)  NOT NULL,
  requested_at       BIGINT        NOT NULL,
  decision_message_id VARCHAR(36),
  outcome            VARCHAR(64),
  decided_at         BIGINT,
  valid_until        BIGINT
);
CREATE INDEX onward_transfer_case ON onward_transfer (case_id);

-- Art. 14.11.c: where the personal-notice requirement of a case stands, on either side.
CREATE TABLE personal_notice (
  case_id            VARCHAR(36)   PRIMARY KEY,
  state              VARCHAR(32)   NOT NULL,
  transferring_party VARCHAR(2)    NOT NULL,
  requirement_message_id VARCHAR(36) NOT NULL,
  confidentiality_request_id VARCHAR(36),
  last_message_id    VARCHAR(36)   NOT NULL,
  updated_at         BIGINT        NOT NULL
);
