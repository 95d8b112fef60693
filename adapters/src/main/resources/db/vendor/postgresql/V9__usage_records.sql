-- Usage ledger, part 2 (PostgreSQL): every accepted usage record, kept forever, partitioned by month of its usage
-- date (reporting time zone). Each row names the posting (and journal entry) that carried its value and cost.
CREATE TABLE usage_record (
    record_id     VARCHAR(128)    NOT NULL,
    customer_id   VARCHAR(80)     NOT NULL,
    end_user_id   VARCHAR(128),
    occurred_at   TIMESTAMPTZ     NOT NULL,
    usage_date    DATE            NOT NULL,
    model         VARCHAR(80)     NOT NULL,
    feature       VARCHAR(80),
    provider      VARCHAR(80),
    input_tokens  BIGINT          NOT NULL,
    output_tokens BIGINT          NOT NULL,
    cached_tokens BIGINT          NOT NULL,
    other_units   TEXT,
    metadata      TEXT,
    currency      CHAR(3)         NOT NULL,
    exact_value   NUMERIC(38, 18) NOT NULL,
    exact_cost    NUMERIC(38, 18) NOT NULL,
    cost_role     VARCHAR(16)     NOT NULL,
    rate_cards    VARCHAR(255)    NOT NULL,
    cost_card     VARCHAR(120)    NOT NULL,
    posting_id    VARCHAR(160)    NOT NULL,
    entry_id      VARCHAR(255),
    batch_id      VARCHAR(80)     NOT NULL,
    recorded_at   TIMESTAMPTZ     NOT NULL
) PARTITION BY RANGE (usage_date);

CREATE INDEX usage_record_by_posting ON usage_record (posting_id);

-- Monthly partitions are created on first use by the ingestion, through this function (so no table exists that
-- these migrations did not define).
CREATE FUNCTION ensure_usage_record_partition(month_start DATE) RETURNS VOID AS $$
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS %I PARTITION OF usage_record FOR VALUES FROM (%L) TO (%L)',
                   'usage_record_' || to_char(month_start, 'YYYY_MM'), month_start,
                   (month_start + INTERVAL '1 month')::date);
END
$$ LANGUAGE plpgsql;

-- The usage ledger is append-only: corrections are new records or new events, never edits.
CREATE FUNCTION refuse_usage_ledger_change() RETURNS TRIGGER AS $$
BEGIN
    RAISE EXCEPTION 'the usage ledger is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER usage_record_append_only BEFORE UPDATE OR DELETE ON usage_record
    FOR EACH ROW EXECUTE FUNCTION refuse_usage_ledger_change();
CREATE TRIGGER usage_record_no_truncate BEFORE TRUNCATE ON usage_record
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_usage_ledger_change();
CREATE TRIGGER usage_record_key_append_only BEFORE UPDATE OR DELETE ON usage_record_key
    FOR EACH ROW EXECUTE FUNCTION refuse_usage_ledger_change();
CREATE TRIGGER usage_record_key_no_truncate BEFORE TRUNCATE ON usage_record_key
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_usage_ledger_change();
