-- Every value the ledger accepts at the door must fit the read models (ARCHITECTURE.md, "One definition of valid").
-- Policy versions name a credit program (up to 80 characters): "usage/2026-11+credits/{program}/v{n}" needs more
-- than 64 characters.
ALTER TABLE gl_entry ALTER COLUMN policy_version SET DATA TYPE VARCHAR(255);
ALTER TABLE audit_record ALTER COLUMN policy_version SET DATA TYPE VARCHAR(255);

-- The rate and cost cards a posting (or a record) was priced by: one reference per card used, however many.
ALTER TABLE usage_posting ALTER COLUMN rate_cards SET DATA TYPE TEXT;
ALTER TABLE usage_posting ALTER COLUMN cost_cards SET DATA TYPE TEXT;
ALTER TABLE usage_record ALTER COLUMN rate_cards SET DATA TYPE TEXT;

-- A balance sums every line ever posted to its account and dimensions: no number of postings may overflow it.
ALTER TABLE account_balance ALTER COLUMN debit_minor SET DATA TYPE NUMERIC(38, 0);
ALTER TABLE account_balance ALTER COLUMN credit_minor SET DATA TYPE NUMERIC(38, 0);
