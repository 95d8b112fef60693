-- Usage ledger, part 2 (H2, the embedded demo database): every accepted usage record in one table (H2 has no
-- partitions; PostgreSQL partitions it by month). Each row names the posting that carried its value and cost.
CREATE TABLE usage_record (
    record_id     VARCHAR(128)    NOT NULL,
    customer_id   VARCHAR(80)     NOT NULL,
    end_user_id   VARCHAR(128),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
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
    recorded_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX usage_record_by_posting ON usage_record (posting_id);
