-- Usage ledger, part 1 (both databases).

-- The id of every usage record the ledger accepted, with the fingerprint of its content: a re-sent record with
-- the same content is a duplicate, with other content a conflict. Source data written in the same transaction as
-- the events that post the records; never updated or deleted (on PostgreSQL a trigger refuses it).
CREATE TABLE usage_record_key (
    record_id    VARCHAR(128) PRIMARY KEY,
    fingerprint  CHAR(64)     NOT NULL,
    usage_date   DATE         NOT NULL
);

-- Projection of UsageRecorded: one row per posting, model, feature and cost role (rebuilt from the event store).
CREATE TABLE usage_posting (
    posting_id     VARCHAR(160)    NOT NULL,
    customer_id    VARCHAR(80)     NOT NULL,
    model          VARCHAR(80)     NOT NULL,
    feature        VARCHAR(80)     NOT NULL,
    cost_role      VARCHAR(16)     NOT NULL,
    batch_id       VARCHAR(80)     NOT NULL,
    entry_id       VARCHAR(255),
    usage_month    CHAR(7)         NOT NULL,
    effective_date DATE            NOT NULL,
    posting_date   DATE            NOT NULL,
    prior_period   BOOLEAN         NOT NULL,
    currency       CHAR(3)         NOT NULL,
    records        INTEGER         NOT NULL,
    tokens         BIGINT          NOT NULL,
    input_tokens   BIGINT          NOT NULL,
    output_tokens  BIGINT          NOT NULL,
    cached_tokens  BIGINT          NOT NULL,
    exact_value    NUMERIC(38, 18) NOT NULL,
    revenue_minor  BIGINT          NOT NULL,
    exact_cost     NUMERIC(38, 18) NOT NULL,
    cost_minor     BIGINT          NOT NULL,
    rate_cards     VARCHAR(400)    NOT NULL,
    cost_cards     VARCHAR(400)    NOT NULL,
    PRIMARY KEY (posting_id, customer_id, model, feature, cost_role)
);
CREATE INDEX usage_posting_by_date ON usage_posting (posting_date);

-- Projection of InfrastructureCostAllocated: each customer and model's share of a month's infrastructure cost.
CREATE TABLE infrastructure_allocation (
    allocation_id VARCHAR(80)  NOT NULL,
    customer_id   VARCHAR(80)  NOT NULL,
    model         VARCHAR(80)  NOT NULL,
    usage_month   CHAR(7)      NOT NULL,
    posting_date  DATE         NOT NULL,
    currency      CHAR(3)      NOT NULL,
    tokens        BIGINT       NOT NULL,
    amount_minor  BIGINT       NOT NULL,
    PRIMARY KEY (allocation_id, customer_id, model)
);
