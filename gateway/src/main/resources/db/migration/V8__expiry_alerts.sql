-- Expiry alerts already raised (docs/pki.md, "Alerts before anything expires"): one row per item,
-- its notAfter/nextUpdate and level, so a warning is raised once per certificate or CRL, not at
-- every check and not again after a restart. A renewed certificate has another not_after: its
-- own alerts start afresh. Portable: PostgreSQL, H2 (PostgreSQL mode), SQLite.
CREATE TABLE expiry_alert (
  item             VARCHAR(128)  NOT NULL,
  not_after        BIGINT        NOT NULL,
  level            VARCHAR(16)   NOT NULL,
  raised_at        BIGINT        NOT NULL,
  PRIMARY KEY (item, not_after, level)
);
