-- Retrospective volume discounts (README "Volume discounts"): a projection of the agreements' events.
CREATE TABLE volume_agreement (
    agreement_id          VARCHAR(80)  PRIMARY KEY,
    customer_id           VARCHAR(80)  NOT NULL,
    currency              CHAR(3)      NOT NULL,
    year_start            DATE         NOT NULL,
    year_end              DATE         NOT NULL,
    unit                  VARCHAR(40)  NOT NULL,
    tiers                 TEXT         NOT NULL,
    expected_volume       VARCHAR(80)  NOT NULL,
    expected_price        VARCHAR(80)  NOT NULL,
    units_to_date         VARCHAR(80)  NOT NULL,
    invoiced_minor        BIGINT       NOT NULL,
    revenue_minor         BIGINT       NOT NULL,
    rebate_minor          BIGINT,
    final_price           VARCHAR(80),
    paid_minor            BIGINT       NOT NULL,
    description           VARCHAR(200),
    policy_version        VARCHAR(40)  NOT NULL
);
