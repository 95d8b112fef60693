-- Usage ledger, part 3 (H2): one record is found by its id, and one customer's records in a posting, through
-- indexes (PostgreSQL's version of this migration also compares record ids byte for byte).
CREATE INDEX usage_record_by_id ON usage_record (record_id);
DROP INDEX usage_record_by_posting;
CREATE INDEX usage_record_by_posting ON usage_record (posting_id, customer_id);
