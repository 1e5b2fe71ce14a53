-- Cases helper (issue 10): onward-transfer authorisations that cover exactly what they name and
-- whose conditions bind on the case; plain ALTER TABLE ... ADD COLUMN only (PostgreSQL, H2 in
-- PostgreSQL mode and SQLite alike).

-- Art. 14.10: a condition attached to an onward-transfer authorisation names the destination it
-- travels with (NULL: a condition of a determination, Art. 9.6, 8.8, Conv. 28.2).
ALTER TABLE case_condition ADD COLUMN destination VARCHAR(128);

-- Art. 14.10: what an authorisation request named, comma-separated (NULL or empty: every item of
-- the named messages; NULL data ids on rows written before V6: all data of the case).
ALTER TABLE onward_transfer ADD COLUMN data_message_ids VARCHAR(4000);
ALTER TABLE onward_transfer ADD COLUMN item_ids VARCHAR(4000);

-- Art. 14.15: a FULL suspension recorded with no prior notice (step NOTICE) of its suspending
-- Party to the other (1), as the paragraph requires "after reasonable notice"; 0 otherwise.
ALTER TABLE pair_suspension ADD COLUMN without_prior_notice SMALLINT;

-- Art. 14.15: SuspensionNotice messages of step NOTICE, sent or received (the prior notice).
CREATE TABLE suspension_notice (
  notice_message_id  VARCHAR(36)   PRIMARY KEY,
  suspending_party   VARCHAR(2)    NOT NULL,
  other_party        VARCHAR(2)    NOT NULL,
  noticed_at         BIGINT        NOT NULL
);
CREATE INDEX suspension_notice_pair ON suspension_notice (suspending_party, other_party);
