-- Usage ledger, part 3 (H2): one record is found by its id through an index (PostgreSQL's version of this migration
-- also moves record ids to byte-order comparison and the posting look-up to a block-range index).
CREATE INDEX usage_record_by_id ON usage_record (record_id);
