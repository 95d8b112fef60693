-- The usage postings summed by posting month, customer, model, feature and currency (issue 16, reports that stay
-- fast): the usage margin report reads these sums instead of every posting row, so it grows with customers x models x
-- features x months, not with batches. A projection kept by UsagePostingProjection, filled here from the posting
-- rows already projected.
CREATE TABLE usage_margin_month (
    posting_month CHAR(7)        NOT NULL,
    customer_id   VARCHAR(80)    NOT NULL,
    model         VARCHAR(80)    NOT NULL,
    feature       VARCHAR(80)    NOT NULL,
    currency      CHAR(3)        NOT NULL,
    records       BIGINT         NOT NULL,
    tokens        NUMERIC(38, 0) NOT NULL,
    revenue_minor NUMERIC(38, 0) NOT NULL,
    cost_minor    NUMERIC(38, 0) NOT NULL,
    PRIMARY KEY (posting_month, customer_id, model, feature, currency)
);

INSERT INTO usage_margin_month (posting_month, customer_id, model, feature, currency, records, tokens, revenue_minor, cost_minor)
SELECT substring(cast(posting_date as varchar), 1, 7), customer_id, model, feature, currency, SUM(records), SUM(tokens),
       SUM(revenue_minor), SUM(cost_minor)
FROM usage_posting
GROUP BY substring(cast(posting_date as varchar), 1, 7), customer_id, model, feature, currency;
