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
