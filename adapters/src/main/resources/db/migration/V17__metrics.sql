-- Projections for the consumption metrics (README "Metrics"), fed by the journal entries and usage postings and
-- rebuilt like every other projection: recognised revenue per day, customer and stream; revenue and cost per month,
-- customer, model, feature and account role; tokens per month, customer, model and feature.
CREATE TABLE metric_revenue_daily (
    booked_on    DATE          NOT NULL,
    currency     CHAR(3)       NOT NULL,
    customer     VARCHAR(128)  NOT NULL,
    stream       VARCHAR(40)   NOT NULL,
    amount_minor NUMERIC(38, 0) NOT NULL,
    PRIMARY KEY (booked_on, currency, customer, stream)
);
CREATE INDEX metric_revenue_daily_by_currency ON metric_revenue_daily (currency, booked_on);

CREATE TABLE metric_pnl_monthly (
    period_month CHAR(7)       NOT NULL,
    currency     CHAR(3)       NOT NULL,
    customer     VARCHAR(128)  NOT NULL,
    model        VARCHAR(128)  NOT NULL,
    feature      VARCHAR(128)  NOT NULL,
    role         VARCHAR(40)   NOT NULL,
    amount_minor NUMERIC(38, 0) NOT NULL,
    PRIMARY KEY (period_month, currency, customer, model, feature, role)
);

CREATE TABLE metric_tokens_monthly (
    period_month CHAR(7)       NOT NULL,
    currency CHAR(3)        NOT NULL,
    customer VARCHAR(128)   NOT NULL,
    model    VARCHAR(128)   NOT NULL,
    feature  VARCHAR(128)   NOT NULL,
    tokens   NUMERIC(38, 0) NOT NULL,
    records  BIGINT         NOT NULL,
    PRIMARY KEY (period_month, currency, customer, model, feature)
);
