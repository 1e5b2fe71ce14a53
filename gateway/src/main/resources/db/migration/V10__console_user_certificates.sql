-- Optional sign-in with a client certificate of the Party's CA (docs/console.md): the SHA-256
-- fingerprint (64 lowercase hex digits of the DER encoding) of the certificate bound to an account.
-- NULL: no certificate bound. One certificate signs in to one account at most.
ALTER TABLE console_user ADD COLUMN certificate_sha256 VARCHAR(64);
CREATE UNIQUE INDEX console_user_certificate ON console_user (certificate_sha256);
