-- Read models. Every table here is a projection: it can be truncated and rebuilt from the event store.

CREATE TABLE gl_entry (
    entry_id             VARCHAR(80)  PRIMARY KEY,
    kind                 VARCHAR(32)  NOT NULL,
    effective_date       DATE         NOT NULL,
    posting_date         DATE         NOT NULL,
    prior_period         BOOLEAN      NOT NULL,
    memo                 VARCHAR(1000),
    reason               VARCHAR(1000),
    policy_version       VARCHAR(64)  NOT NULL,
    reverses_entry_id    VARCHAR(80),
    reversed_by_entry_id VARCHAR(80),
    source_event_type    VARCHAR(255) NOT NULL,
    recorded_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    global_index         BIGINT       NOT NULL
);

-- Amounts in minor units of the line's currency: exact integers, never floating point.
CREATE TABLE gl_line (
    entry_id       VARCHAR(80)  NOT NULL,
    line_no        INTEGER      NOT NULL,
    account_code   VARCHAR(32)  NOT NULL,
    side           VARCHAR(6)   NOT NULL,
    currency       CHAR(3)      NOT NULL,
    debit_minor    BIGINT       NOT NULL,
    credit_minor   BIGINT       NOT NULL,
    customer       VARCHAR(128),
    contract       VARCHAR(128),
    credit_pool    VARCHAR(128),
    model          VARCHAR(128),
    feature        VARCHAR(128),
    product        VARCHAR(128),
    effective_date DATE         NOT NULL,
    posting_date   DATE         NOT NULL,
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    global_index   BIGINT       NOT NULL,
    PRIMARY KEY (entry_id, line_no),
    CONSTRAINT gl_line_one_side CHECK ((debit_minor > 0 AND credit_minor = 0) OR (credit_minor > 0 AND debit_minor = 0))
);
CREATE INDEX gl_line_account_posting ON gl_line (account_code, posting_date);
CREATE INDEX gl_line_posting ON gl_line (posting_date);
CREATE INDEX gl_line_customer ON gl_line (customer);

-- '' stands for an absent dimension so the primary key can cover every combination.
CREATE TABLE account_balance (
    account_code VARCHAR(32)  NOT NULL,
    currency     CHAR(3)      NOT NULL,
    customer     VARCHAR(128) NOT NULL,
    contract     VARCHAR(128) NOT NULL,
    credit_pool  VARCHAR(128) NOT NULL,
    model        VARCHAR(128) NOT NULL,
    feature      VARCHAR(128) NOT NULL,
    product      VARCHAR(128) NOT NULL,
    debit_minor  BIGINT       NOT NULL,
    credit_minor BIGINT       NOT NULL,
    line_count   BIGINT       NOT NULL,
    PRIMARY KEY (account_code, currency, customer, contract, credit_pool, model, feature, product)
);

CREATE TABLE audit_record (
    event_identifier     VARCHAR(255) PRIMARY KEY,
    subject_type         VARCHAR(32)  NOT NULL,
    subject_id           VARCHAR(255) NOT NULL,
    event_type           VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    global_index         BIGINT       NOT NULL,
    command_name         VARCHAR(255),
    command_id           VARCHAR(255),
    principal            VARCHAR(255),
    correlation_id       VARCHAR(255),
    trace_id             VARCHAR(255),
    client_correlation_id VARCHAR(255),
    policy_version       VARCHAR(64),
    input_hash           VARCHAR(64),
    recorded_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX audit_record_subject ON audit_record (subject_id);

CREATE TABLE period_status (
    period      CHAR(7)      PRIMARY KEY,
    status      VARCHAR(8)   NOT NULL,
    last_reason VARCHAR(1000),
    changed_by  VARCHAR(255),
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
