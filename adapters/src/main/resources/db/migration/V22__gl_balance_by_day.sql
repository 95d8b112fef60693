-- Balances by account, currency, posting day and the hour the lines were recorded (README "Reports"; issue: reports
-- that stay fast): the trial balance sums these rows instead of every line, also "as known at" an instant (the rows
-- of earlier hours, plus the lines of the instant's own hour). A projection, kept by GeneralLedgerProjection;
-- filled here from the lines already projected (hours since 1970-01-01 UTC, so no time zone enters it).
CREATE TABLE gl_daily_balance (
    account_code  VARCHAR(32)    NOT NULL,
    currency      CHAR(3)        NOT NULL,
    posting_date  DATE           NOT NULL,
    recorded_hour BIGINT         NOT NULL,
    debit_minor   NUMERIC(38, 0) NOT NULL,
    credit_minor  NUMERIC(38, 0) NOT NULL,
    line_count    BIGINT         NOT NULL,
    PRIMARY KEY (account_code, currency, posting_date, recorded_hour)
);

INSERT INTO gl_daily_balance (account_code, currency, posting_date, recorded_hour, debit_minor, credit_minor, line_count)
SELECT account_code, currency, posting_date, CAST(FLOOR(EXTRACT(EPOCH FROM recorded_at) / 3600) AS BIGINT),
       SUM(debit_minor), SUM(credit_minor), COUNT(*)
FROM gl_line
GROUP BY account_code, currency, posting_date, CAST(FLOOR(EXTRACT(EPOCH FROM recorded_at) / 3600) AS BIGINT);

-- the lines of one recorded hour, read for a trial balance "as known at" an instant inside it
CREATE INDEX gl_line_recorded ON gl_line (recorded_at);
