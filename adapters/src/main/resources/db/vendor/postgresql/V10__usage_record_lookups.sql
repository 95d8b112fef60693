-- Usage ledger, part 3 (PostgreSQL): finding one record by its id without reading every month, and the records of
-- a posting at almost no cost per appended record.

-- Record ids are the producers' opaque keys: compared byte for byte (collation "C"), which is cheaper to index than
-- the database's locale and orders them the same way on every server. Indexes on these columns are rebuilt.
ALTER TABLE usage_record_key ALTER COLUMN record_id TYPE VARCHAR(128) COLLATE "C";
ALTER TABLE usage_record ALTER COLUMN record_id TYPE VARCHAR(128) COLLATE "C";

-- GET /api/v1/usage/records/{id} used to scan every partition. The key table gives the usage date (so one partition)
-- and this index the row.
CREATE INDEX usage_record_by_id ON usage_record (record_id);

-- A batch's records are appended together and posting ids grow with time (batch ids begin with the time), so a
-- block-range index finds a posting's records; a B-tree cost each appended record about a third of its storage time.
DROP INDEX usage_record_by_posting;
CREATE INDEX usage_record_by_posting ON usage_record USING brin (posting_id) WITH (autosummarize = on);
