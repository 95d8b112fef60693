-- Projection: every credit pool's state, for wallets in real time (rebuilt from the event store like the others).
CREATE TABLE credit_pool (
    customer_id      VARCHAR(80)    NOT NULL,
    pool_id          VARCHAR(80)    NOT NULL,
    program_id       VARCHAR(80)    NOT NULL,
    policy_version   VARCHAR(255)   NOT NULL,
    breakage_policy  VARCHAR(16)    NOT NULL,
    currency         CHAR(3)        NOT NULL,
    promotional      BOOLEAN        NOT NULL,
    purchased_on     DATE           NOT NULL,
    expires_on       DATE,
    credits          NUMERIC(38, 18) NOT NULL,
    redeemed         NUMERIC(38, 18) NOT NULL,
    expected         NUMERIC(38, 18) NOT NULL,
    refunded_credits NUMERIC(38, 18) NOT NULL,
    price_minor      BIGINT         NOT NULL,
    usage_minor      BIGINT         NOT NULL,
    breakage_minor   BIGINT         NOT NULL,
    refund_minor     BIGINT         NOT NULL,
    escheat_minor    BIGINT         NOT NULL,
    expired          BOOLEAN        NOT NULL,
    PRIMARY KEY (customer_id, pool_id)
);

CREATE TABLE wallet_overage (
    customer_id   VARCHAR(80)    PRIMARY KEY,
    currency      CHAR(3)        NOT NULL,
    overage_value NUMERIC(38, 18) NOT NULL,
    overage_minor BIGINT         NOT NULL
);
