-- Two monthly summaries of the general ledger (issue 16, reports that stay fast), projections kept by
-- GeneralLedgerProjection and filled here from the lines already projected.

-- Debits and credits by account, currency, posting month and the type of the event that posted them: the usage ties
-- read the lines of usage postings (UsageRecorded) and of cost postings from here instead of every line.
CREATE TABLE gl_monthly_by_source (
    account_code      VARCHAR(32)    NOT NULL,
    currency          CHAR(3)        NOT NULL,
    posting_month     CHAR(7)        NOT NULL,
    source_event_type VARCHAR(255)   NOT NULL,
    debit_minor       NUMERIC(38, 0) NOT NULL,
    credit_minor      NUMERIC(38, 0) NOT NULL,
    line_count        BIGINT         NOT NULL,
    PRIMARY KEY (account_code, currency, posting_month, source_event_type)
);

INSERT INTO gl_monthly_by_source (account_code, currency, posting_month, source_event_type, debit_minor, credit_minor, line_count)
SELECT l.account_code, l.currency, substring(cast(l.posting_date as varchar), 1, 7), e.source_event_type,
       SUM(l.debit_minor), SUM(l.credit_minor), COUNT(*)
FROM gl_line l JOIN gl_entry e ON e.entry_id = l.entry_id
GROUP BY l.account_code, l.currency, substring(cast(l.posting_date as varchar), 1, 7), e.source_event_type;

-- Net credits by posting month, account, currency, customer, pool, contract and product, with what each line was
-- paired with in its entry (the other line of its debit/credit pair: lines 1 and 2, 3 and 4, ...), whether the entry
-- is a business event and whether the line increased the account's credit balance: everything the contract-
-- liability rollforward classifies a movement by (CreditReports.rollforward), summed instead of read line by line.
CREATE TABLE gl_paired_movement (
    currency          CHAR(3)        NOT NULL,
    posting_month     CHAR(7)        NOT NULL,
    account_code      VARCHAR(32)    NOT NULL,
    customer          VARCHAR(128)   NOT NULL,
    credit_pool       VARCHAR(128)   NOT NULL,
    contract          VARCHAR(128)   NOT NULL,
    product           VARCHAR(128)   NOT NULL,
    business_event    BOOLEAN        NOT NULL,
    counter_account   VARCHAR(32)    NOT NULL,
    increase          BOOLEAN        NOT NULL,
    net_credit_minor  NUMERIC(38, 0) NOT NULL,
    line_count        BIGINT         NOT NULL,
    PRIMARY KEY (account_code, currency, posting_month, customer, credit_pool, contract, product, business_event,
                 counter_account, increase)
);

INSERT INTO gl_paired_movement (currency, posting_month, account_code, customer, credit_pool, contract, product,
                                business_event, counter_account, increase, net_credit_minor, line_count)
SELECT l.currency, substring(cast(l.posting_date as varchar), 1, 7), l.account_code, COALESCE(l.customer, ''),
       COALESCE(l.credit_pool, ''), COALESCE(l.contract, ''), COALESCE(l.product, ''),
       e.kind = 'BUSINESS_EVENT', COALESCE(p.account_code, ''), l.credit_minor - l.debit_minor > 0,
       SUM(l.credit_minor - l.debit_minor), COUNT(*)
FROM gl_line l
JOIN gl_entry e ON e.entry_id = l.entry_id
LEFT JOIN gl_line p ON p.entry_id = l.entry_id
     AND p.line_no = CASE WHEN MOD(l.line_no, 2) = 1 THEN l.line_no + 1 ELSE l.line_no - 1 END
GROUP BY l.currency, substring(cast(l.posting_date as varchar), 1, 7), l.account_code, COALESCE(l.customer, ''),
         COALESCE(l.credit_pool, ''), COALESCE(l.contract, ''), COALESCE(l.product, ''),
         e.kind = 'BUSINESS_EVENT', COALESCE(p.account_code, ''), l.credit_minor - l.debit_minor > 0;
