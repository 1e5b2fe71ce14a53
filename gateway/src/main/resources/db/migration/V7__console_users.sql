-- Operator console accounts (docs/console.md). Same portable style as V1: epoch milliseconds,
-- SMALLINT 0/1 for flags, natural keys. The password hash is Argon2id in PHC string form
-- ($argon2id$v=19$m=...,t=...,p=...$salt$hash); the password itself is never stored.
CREATE TABLE console_user (
  username         VARCHAR(64)   PRIMARY KEY,
  display_name     VARCHAR(128)  NOT NULL,
  role             VARCHAR(16)   NOT NULL,
  language         VARCHAR(2)    NOT NULL,
  password_hash    VARCHAR(256)  NOT NULL,
  disabled         SMALLINT      NOT NULL,
  failed_attempts  INTEGER       NOT NULL,
  locked_until     BIGINT,
  created_at       BIGINT        NOT NULL,
  updated_at       BIGINT        NOT NULL
);
