-- Licences of IP and their royalty reports (README "Licences and royalties"): projections of the licence events.
CREATE TABLE licence (
    licence_id              VARCHAR(80)  PRIMARY KEY,
    customer_id             VARCHAR(80)  NOT NULL,
    currency                CHAR(3)      NOT NULL,
    contract_type           VARCHAR(30)  NOT NULL,
    signed_on               DATE         NOT NULL,
    licence_start           DATE         NOT NULL,
    licence_end             DATE         NOT NULL,
    fixed_fee_minor         BIGINT       NOT NULL,
    guarantee_minor         BIGINT       NOT NULL,
    royalty_rate            VARCHAR(30),
    licence_predominant     BOOLEAN      NOT NULL,
    description             VARCHAR(200),
    transferred_on          DATE,
    cumulative_base         VARCHAR(80)  NOT NULL,
    cumulative_royalty_minor BIGINT      NOT NULL,
    licence_revenue_minor   BIGINT       NOT NULL,
    royalty_revenue_minor   BIGINT       NOT NULL,
    deferred_minor          BIGINT       NOT NULL,
    shortfall_minor         BIGINT,
    billed_minor            BIGINT       NOT NULL,
    paid_minor              BIGINT       NOT NULL,
    policy_version          VARCHAR(40)  NOT NULL
);

CREATE TABLE licence_royalty_report (
    licence_id        VARCHAR(80)  NOT NULL,
    report_id         VARCHAR(80)  NOT NULL,
    usage_through     DATE         NOT NULL,
    sales_or_usage    VARCHAR(80)  NOT NULL,
    royalty_minor     BIGINT       NOT NULL,
    within_guarantee_minor BIGINT  NOT NULL,
    excess_minor      BIGINT       NOT NULL,
    deferred          BOOLEAN      NOT NULL,
    entry_id          VARCHAR(200),
    PRIMARY KEY (licence_id, report_id)
);
