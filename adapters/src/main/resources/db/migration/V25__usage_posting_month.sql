-- The usage postings summed by usage month, posting month and currency (issue 16, reports that stay fast): the usage
-- ties (records against postings, postings against the GL) read these sums instead of every posting row. A
-- projection kept by UsagePostingProjection, filled here from the posting rows already projected.
CREATE TABLE usage_posting_month (
    usage_month   CHAR(7)         NOT NULL,
    posting_month CHAR(7)         NOT NULL,
    currency      CHAR(3)         NOT NULL,
    records       BIGINT          NOT NULL,
    exact_value   NUMERIC(38, 18) NOT NULL,
    exact_cost    NUMERIC(38, 18) NOT NULL,
    revenue_minor NUMERIC(38, 0)  NOT NULL,
    cost_minor    NUMERIC(38, 0)  NOT NULL,
    PRIMARY KEY (usage_month, posting_month, currency)
);

INSERT INTO usage_posting_month (usage_month, posting_month, currency, records, exact_value, exact_cost, revenue_minor, cost_minor)
SELECT usage_month, substring(cast(posting_date as varchar), 1, 7), currency, SUM(records), SUM(exact_value),
       SUM(exact_cost), SUM(revenue_minor), SUM(cost_minor)
FROM usage_posting
GROUP BY usage_month, substring(cast(posting_date as varchar), 1, 7), currency;
