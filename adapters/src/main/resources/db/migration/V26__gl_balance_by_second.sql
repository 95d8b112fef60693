-- Balances by account, currency, posting day and the second the lines were recorded (issue 16: a trial balance "as
-- known at" an instant stays fast when the instant's hour holds most of the journal). The trial balance as known at
-- T reads the hours before T's hour from gl_daily_balance, the seconds of T's hour before T's second from this
-- table, and only the lines of T's own second. A projection, kept by GeneralLedgerProjection; filled here from the
-- lines already projected (seconds since 1970-01-01 UTC, so no time zone enters it). Never more rows than lines.
CREATE TABLE gl_balance_by_second (
    recorded_second BIGINT         NOT NULL,
    account_code    VARCHAR(32)    NOT NULL,
    currency        CHAR(3)        NOT NULL,
    posting_date    DATE           NOT NULL,
    debit_minor     NUMERIC(38, 0) NOT NULL,
    credit_minor    NUMERIC(38, 0) NOT NULL,
    line_count      BIGINT         NOT NULL,
    -- led by the second: the rows of one hour are one range of the index
    PRIMARY KEY (recorded_second, account_code, currency, posting_date)
);

INSERT INTO gl_balance_by_second (recorded_second, account_code, currency, posting_date, debit_minor, credit_minor, line_count)
SELECT CAST(FLOOR(EXTRACT(EPOCH FROM recorded_at)) AS BIGINT), account_code, currency, posting_date,
       SUM(debit_minor), SUM(credit_minor), COUNT(*)
FROM gl_line
GROUP BY CAST(FLOOR(EXTRACT(EPOCH FROM recorded_at)) AS BIGINT), account_code, currency, posting_date;
