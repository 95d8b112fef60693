-- The usage ledger's records summed by usage month and currency, one row per write (issue 16, reports that stay
-- fast): the records-against-postings tie reads these rows, which grow with writes x months (a 100,000-record batch
-- is one write), not with blocks (a batch is about one block per customer). Source data like the blocks it sums:
-- written in the same transaction as they are, never updated or deleted. Filled here from the blocks already held.
CREATE TABLE usage_month_total (
    first_block_id BIGINT          PRIMARY KEY, -- the lowest block of the write in this month and currency
    usage_month    CHAR(7)         NOT NULL,
    currency       CHAR(3)         NOT NULL,
    blocks         INTEGER         NOT NULL,
    records        BIGINT          NOT NULL,
    exact_value    NUMERIC(38, 18) NOT NULL,
    exact_cost     NUMERIC(38, 18) NOT NULL
);
CREATE INDEX usage_month_total_by_month ON usage_month_total (usage_month);

INSERT INTO usage_month_total (first_block_id, usage_month, currency, blocks, records, exact_value, exact_cost)
SELECT MIN(block_id), usage_month, currency, COUNT(*), SUM(records), SUM(exact_value), SUM(exact_cost)
FROM usage_block
GROUP BY usage_month, currency;

CREATE TRIGGER usage_month_total_append_only BEFORE UPDATE OR DELETE ON usage_month_total
    FOR EACH ROW EXECUTE FUNCTION refuse_usage_ledger_change();
CREATE TRIGGER usage_month_total_no_truncate BEFORE TRUNCATE ON usage_month_total
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_usage_ledger_change();
