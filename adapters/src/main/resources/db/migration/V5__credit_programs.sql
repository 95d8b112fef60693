-- Projection: every adopted version of every credit program (for the policy document and reports).
CREATE TABLE credit_program (
    program_id       VARCHAR(80)     NOT NULL,
    version          INTEGER         NOT NULL,
    effective_from   DATE            NOT NULL,
    currency         CHAR(3)         NOT NULL,
    value_per_credit NUMERIC(38, 18) NOT NULL,
    expiry_kind      VARCHAR(24)     NOT NULL,
    expiry_days      INTEGER,
    expiry_date      DATE,
    breakage_policy  VARCHAR(16)     NOT NULL,
    expected_rate    NUMERIC(12, 8)  NOT NULL,
    escheat_share    NUMERIC(12, 8)  NOT NULL,
    refunds_allowed  BOOLEAN         NOT NULL,
    adopted_by       VARCHAR(255),
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (program_id, version)
);
