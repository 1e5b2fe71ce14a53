-- Cases (docs/cases.md): every message of a case drives the state machine of one request track.
-- SQLite version of db/vendor/postgresql/V3__cases.sql: only the generated keys differ (see V1).

-- A case, shared by both nodes through routing.case_id.
CREATE TABLE case_file (
  case_id          VARCHAR(36)   PRIMARY KEY,
  opened_at        BIGINT        NOT NULL
);

-- One request of a case, keyed by the request's message id. version guards concurrent updates.
CREATE TABLE case_track (
  track_id         VARCHAR(36)   PRIMARY KEY,
  case_id          VARCHAR(36)   NOT NULL REFERENCES case_file (case_id),
  kind             VARCHAR(16)   NOT NULL,
  role             VARCHAR(16)   NOT NULL,
  counterpart      VARCHAR(64)   NOT NULL,
  state            VARCHAR(32)   NOT NULL,
  opened_at        BIGINT        NOT NULL,
  updated_at       BIGINT        NOT NULL,
  linked_track_id  VARCHAR(36),
  facts            VARCHAR(4000) NOT NULL,
  version          INTEGER       NOT NULL
);
CREATE INDEX case_track_case ON case_track (case_id);

-- The timeline: every message, operator action and timer of a case, in order.
CREATE TABLE case_event (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id          VARCHAR(36)   NOT NULL REFERENCES case_file (case_id),
  track_id         VARCHAR(36),
  message_id       VARCHAR(36),
  at               BIGINT        NOT NULL,
  event            VARCHAR(16)   NOT NULL,
  body_type        VARCHAR(64)   NOT NULL,
  state_before     VARCHAR(32),
  state_after      VARCHAR(32),
  actor            VARCHAR(128)  NOT NULL
);
CREATE INDEX case_event_case ON case_event (case_id, seq);
CREATE INDEX case_event_message ON case_event (message_id);

-- Clocks by urgency class; the timer worker fires ACTIVE ones that are due.
CREATE TABLE case_timer (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id          VARCHAR(36)   NOT NULL REFERENCES case_file (case_id),
  track_id         VARCHAR(36)   NOT NULL,
  name             VARCHAR(64)   NOT NULL,
  urgency          VARCHAR(16)   NOT NULL,
  article          VARCHAR(16)   NOT NULL,
  started_at       BIGINT        NOT NULL,
  due_at           BIGINT        NOT NULL,
  status           VARCHAR(16)   NOT NULL
);
CREATE INDEX case_timer_due ON case_timer (status, due_at);
CREATE INDEX case_timer_case ON case_timer (case_id);

-- Conditions imposed by determinations, and whether the requesting Party is bound by them.
CREATE TABLE case_condition (
  track_id         VARCHAR(36)   NOT NULL,
  determination_id VARCHAR(36)   NOT NULL,
  condition_id     VARCHAR(64)   NOT NULL,
  case_id          VARCHAR(36)   NOT NULL REFERENCES case_file (case_id),
  kind             VARCHAR(32)   NOT NULL,
  text             VARCHAR(2000) NOT NULL,
  article          VARCHAR(16)   NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  PRIMARY KEY (determination_id, condition_id)
);
CREATE INDEX case_condition_case ON case_condition (case_id);

-- Obligations (9.5 follow-up, 10.9 copy to the central authority), open until discharged.
CREATE TABLE case_obligation (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id          VARCHAR(36)   NOT NULL REFERENCES case_file (case_id),
  track_id         VARCHAR(36)   NOT NULL,
  kind             VARCHAR(32)   NOT NULL,
  owed_by          VARCHAR(16)   NOT NULL,
  article          VARCHAR(16)   NOT NULL,
  opened_at        BIGINT        NOT NULL,
  closed_by        VARCHAR(36),
  closed_at        BIGINT
);
CREATE INDEX case_obligation_case ON case_obligation (case_id);

-- What a person should look at: mismatches, messages out of step.
CREATE TABLE case_flag (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id          VARCHAR(36)   NOT NULL REFERENCES case_file (case_id),
  track_id         VARCHAR(36),
  message_id       VARCHAR(36),
  code             VARCHAR(32)   NOT NULL,
  detail           VARCHAR(1000) NOT NULL,
  raised_at        BIGINT        NOT NULL
);
CREATE INDEX case_flag_case ON case_flag (case_id);

-- Items of the evidence manifests of a track (10.6: preliminary and official copies compared).
CREATE TABLE case_manifest_item (
  manifest_id      VARCHAR(36)   NOT NULL,
  item_id          VARCHAR(128)  NOT NULL,
  track_id         VARCHAR(36)   NOT NULL,
  copy_kind        VARCHAR(16)   NOT NULL,
  sha256_hex       VARCHAR(64)   NOT NULL,
  PRIMARY KEY (manifest_id, item_id)
);
CREATE INDEX case_manifest_track ON case_manifest_item (track_id);
