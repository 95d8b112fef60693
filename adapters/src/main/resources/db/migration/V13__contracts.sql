-- Projections of contracts with several performance obligations and of the SSP table (README "Contracts"); all are
-- rebuilt from the event store like the others. Exact decimals finer than money (SSPs, quantities) are kept as
-- their plain decimal text: they are shown, never summed here.

CREATE TABLE ssp_version (
    ssp_id          VARCHAR(80)   NOT NULL,
    version         INT           NOT NULL,
    effective_from  DATE          NOT NULL,
    description     VARCHAR(200),
    currency        CHAR(3)       NOT NULL,
    method          VARCHAR(40)   NOT NULL,
    unit            VARCHAR(40)   NOT NULL,
    unit_price      VARCHAR(80),
    range_low       VARCHAR(80),
    range_high      VARCHAR(80),
    evidence        VARCHAR(1000) NOT NULL,
    evidence_as_of  DATE          NOT NULL,
    published_by    VARCHAR(128),
    recorded_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (ssp_id, version)
);

CREATE TABLE contract (
    contract_id                 VARCHAR(80)   PRIMARY KEY,
    customer_id                 VARCHAR(80)   NOT NULL,
    currency                    CHAR(3)       NOT NULL,
    signed_on                   DATE          NOT NULL,
    term_start                  DATE          NOT NULL,
    term_end                    DATE          NOT NULL,
    price_minor                 BIGINT        NOT NULL,
    billing_schedule            VARCHAR(30)   NOT NULL,
    settlement                  VARCHAR(10)   NOT NULL,
    payment_terms_days          INT           NOT NULL,
    refund_on_termination       VARCHAR(20)   NOT NULL,
    status                      VARCHAR(20)   NOT NULL,
    terminated_on               DATE,
    modification_of             VARCHAR(80),
    memo                        VARCHAR(1000),
    commitment_minor            BIGINT,
    commitment_policy           VARCHAR(40),
    commitment_expected         VARCHAR(80),
    commitment_recognized_minor BIGINT,
    commitment_settled          BOOLEAN,
    commitment_shortfall_minor  BIGINT,
    usage_counted               VARCHAR(80),
    position_minor              BIGINT        NOT NULL,
    billed_minor                BIGINT        NOT NULL,
    policy_version              VARCHAR(255)  NOT NULL,
    recorded_at                 TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX contract_by_customer ON contract (customer_id);

CREATE TABLE contract_obligation (
    contract_id      VARCHAR(80)  NOT NULL,
    obligation_id    VARCHAR(80)  NOT NULL,
    seq              INT          NOT NULL,
    kind             VARCHAR(20)  NOT NULL,
    description      VARCHAR(200),
    ssp_label        VARCHAR(100) NOT NULL,
    quantity         VARCHAR(80)  NOT NULL,
    ssp              VARCHAR(120) NOT NULL,
    pattern          VARCHAR(30)  NOT NULL,
    basis            VARCHAR(10),
    allocated_minor  BIGINT       NOT NULL,
    recognized_minor BIGINT       NOT NULL,
    start_date       DATE,
    end_date         DATE,
    expected_on      DATE,
    delivered_on     DATE,
    ended_on         DATE,
    pool_id          VARCHAR(80),
    program_id       VARCHAR(80),
    credits          VARCHAR(80),
    pool_expires_on  DATE,
    segments         TEXT         NOT NULL,
    PRIMARY KEY (contract_id, obligation_id)
);

-- Every version of every obligation's schedule, from the event that made it: the revenue waterfall "as known at".
CREATE TABLE contract_obligation_version (
    contract_id     VARCHAR(80)  NOT NULL,
    obligation_id   VARCHAR(80)  NOT NULL,
    event_position  BIGINT       NOT NULL,
    known_from      TIMESTAMP WITH TIME ZONE NOT NULL,
    customer_id     VARCHAR(80)  NOT NULL,
    currency        CHAR(3)      NOT NULL,
    kind            VARCHAR(20)  NOT NULL,
    pattern         VARCHAR(30)  NOT NULL,
    allocated_minor BIGINT       NOT NULL,
    segments        TEXT         NOT NULL,
    expected_on     DATE,
    delivered_on    DATE,
    ended_on        DATE,
    pool_id         VARCHAR(80),
    pool_expires_on DATE,
    PRIMARY KEY (contract_id, obligation_id, event_position)
);

CREATE TABLE contract_allocation_line (
    contract_id     VARCHAR(80)  NOT NULL,
    decided_by      VARCHAR(80)  NOT NULL,
    line_no         INT          NOT NULL,
    decided_on      DATE         NOT NULL,
    obligation_id   VARCHAR(80)  NOT NULL,
    ssp_id          VARCHAR(80),
    ssp_version     INT,
    method          VARCHAR(40)  NOT NULL,
    ssp             VARCHAR(120) NOT NULL,
    group_name      VARCHAR(80)  NOT NULL,
    group_discount  VARCHAR(120) NOT NULL,
    allocated_minor BIGINT       NOT NULL,
    total_minor     BIGINT       NOT NULL,
    PRIMARY KEY (contract_id, decided_by, line_no)
);

CREATE TABLE contract_billing_item (
    contract_id  VARCHAR(80) NOT NULL,
    seq          INT         NOT NULL,
    bill_on      DATE        NOT NULL,
    amount_minor BIGINT      NOT NULL,
    billed       BOOLEAN     NOT NULL,
    PRIMARY KEY (contract_id, seq)
);

CREATE TABLE contract_invoice (
    contract_id  VARCHAR(80) NOT NULL,
    invoice_id   VARCHAR(80) NOT NULL,
    invoice_date DATE        NOT NULL,
    due_on       DATE        NOT NULL,
    amount_minor BIGINT      NOT NULL,
    open_minor   BIGINT      NOT NULL,
    purpose      VARCHAR(40) NOT NULL,
    PRIMARY KEY (contract_id, invoice_id)
);

CREATE TABLE contract_history (
    contract_id    VARCHAR(80)   NOT NULL,
    event_position BIGINT        NOT NULL,
    event_type     VARCHAR(60)   NOT NULL,
    request_id     VARCHAR(80),
    effective_date DATE,
    entry_id       VARCHAR(255),
    summary        VARCHAR(2000) NOT NULL,
    principal      VARCHAR(128),
    recorded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (contract_id, event_position)
);

ALTER TABLE credit_pool ADD COLUMN contract_id VARCHAR(80);
ALTER TABLE credit_pool ADD COLUMN obligation_id VARCHAR(80);
