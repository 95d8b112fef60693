-- Usage ledger, part 3 (PostgreSQL): finding one record by its id without reading every month, and one customer's
-- records in a posting without reading the whole batch.

-- Record ids are the producers' opaque keys: compared byte for byte (collation "C"), which is cheaper to index than
-- the database's locale and orders them the same way on every server. Indexes on these columns are rebuilt.
ALTER TABLE usage_record_key ALTER COLUMN record_id TYPE VARCHAR(128) COLLATE "C";
ALTER TABLE usage_record ALTER COLUMN record_id TYPE VARCHAR(128) COLLATE "C";

-- GET /api/v1/usage/records/{id} used to scan every partition. The key table gives the usage date (so one partition)
-- and this index the row.
CREATE INDEX usage_record_by_id ON usage_record (record_id);

-- The trace from a posting to its records reads one customer's records: index both. The old index named only the
-- posting, which a whole batch shares (up to its size in rows to filter). A block-range (BRIN) index was measured
-- cheaper to append to, but it narrows nothing until its ranges are summarized, which needs autovacuum or a manual
-- step; this B-tree needs neither.
DROP INDEX usage_record_by_posting;
CREATE INDEX usage_record_by_posting ON usage_record (posting_id, customer_id);
