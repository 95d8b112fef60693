-- Usage ledger in blocks (issue 16). Source data beside the event store, like the tables of V8-V10 it replaces:
-- backed up with it, never rebuilt from it, never updated or deleted (the triggers below refuse it).

-- One row per block: the records of one posting (one customer's usage of one month in one batch), at most 4,096 per
-- block, encoded column by column and compressed with zstd (UsageBlockCodec), with what they share kept once and
-- their totals, so ties and traces read block rows, not records.
CREATE SEQUENCE usage_block_seq;
CREATE TABLE usage_block (
    block_id          BIGINT          PRIMARY KEY,
    posting_id        VARCHAR(160)    NOT NULL,
    customer_id       VARCHAR(80)     NOT NULL,
    block_seq         INTEGER         NOT NULL,
    entry_id          VARCHAR(255),
    batch_id          VARCHAR(80)     NOT NULL,
    currency          CHAR(3)         NOT NULL,
    usage_month       CHAR(7)         NOT NULL,
    first_usage_date  DATE            NOT NULL,
    last_usage_date   DATE            NOT NULL,
    first_occurred_at TIMESTAMPTZ     NOT NULL,
    last_occurred_at  TIMESTAMPTZ     NOT NULL,
    records           INTEGER         NOT NULL CHECK (records BETWEEN 1 AND 4096),
    exact_value       NUMERIC(38, 18) NOT NULL,
    exact_cost        NUMERIC(38, 18) NOT NULL,
    recorded_at       TIMESTAMPTZ     NOT NULL,
    migrated          BOOLEAN         NOT NULL,
    format            SMALLINT        NOT NULL,
    raw_bytes         INTEGER         NOT NULL,
    checksum          BIGINT          NOT NULL,
    payload           BYTEA           NOT NULL,
    -- a posting's blocks are numbered from 0: a second writer of the same posting (a migration run twice) fails here
    UNIQUE (posting_id, customer_id, block_seq)
);
-- already compressed: PostgreSQL must not try again (EXTERNAL = out of line when large, never pglz)
ALTER TABLE usage_block ALTER COLUMN payload SET STORAGE EXTERNAL;
CREATE INDEX usage_block_by_usage_date ON usage_block (last_usage_date, first_usage_date);
CREATE INDEX usage_block_by_month ON usage_block (usage_month);

-- Exactly once, forever: every accepted record id, the first 64 bits of its content's SHA-256 (a resend with other
-- content is a conflict) and the block that holds it. Ids are compared byte for byte (collation "C").
CREATE TABLE usage_key (
    record_id    VARCHAR(128) COLLATE "C" PRIMARY KEY,
    fingerprint  BIGINT       NOT NULL,
    block_id     BIGINT       NOT NULL
);

-- Daily totals per block, day, model, feature and cost role, written with the block: the input of margin reports by
-- day and of metrics on usage (summaries of source data, each row derived from its own block only).
CREATE TABLE usage_daily (
    block_id       BIGINT          NOT NULL,
    customer_id    VARCHAR(80)     NOT NULL,
    usage_date     DATE            NOT NULL,
    currency       CHAR(3)         NOT NULL,
    model          VARCHAR(80)     NOT NULL,
    feature        VARCHAR(80),
    cost_role      VARCHAR(16)     NOT NULL,
    records        INTEGER         NOT NULL,
    input_tokens   BIGINT          NOT NULL,
    output_tokens  BIGINT          NOT NULL,
    cached_tokens  BIGINT          NOT NULL,
    exact_value    NUMERIC(38, 18) NOT NULL,
    exact_cost     NUMERIC(38, 18) NOT NULL
);
CREATE INDEX usage_daily_by_date ON usage_daily (usage_date);

-- Progress of moving a ledger's row-per-record data (usage_record, usage_record_key) into blocks. Job state, not
-- source data: the blocks themselves say which postings are done.
CREATE TABLE usage_ledger_migration (
    id                SMALLINT    PRIMARY KEY CHECK (id = 1),
    state             VARCHAR(16) NOT NULL,
    legacy_records    BIGINT      NOT NULL,
    migrated_records  BIGINT      NOT NULL,
    migrated_postings BIGINT      NOT NULL,
    started_at        TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    detail            TEXT
);

CREATE TRIGGER usage_block_append_only BEFORE UPDATE OR DELETE ON usage_block
    FOR EACH ROW EXECUTE FUNCTION refuse_usage_ledger_change();
CREATE TRIGGER usage_block_no_truncate BEFORE TRUNCATE ON usage_block
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_usage_ledger_change();
CREATE TRIGGER usage_key_append_only BEFORE UPDATE OR DELETE ON usage_key
    FOR EACH ROW EXECUTE FUNCTION refuse_usage_ledger_change();
CREATE TRIGGER usage_key_no_truncate BEFORE TRUNCATE ON usage_key
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_usage_ledger_change();
CREATE TRIGGER usage_daily_append_only BEFORE UPDATE OR DELETE ON usage_daily
    FOR EACH ROW EXECUTE FUNCTION refuse_usage_ledger_change();
CREATE TRIGGER usage_daily_no_truncate BEFORE TRUNCATE ON usage_daily
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_usage_ledger_change();
