-- Projection: open holds, so the wallet shows the balance available after holds.
CREATE TABLE wallet_hold (
    customer_id VARCHAR(80)     NOT NULL,
    hold_id     VARCHAR(80)     NOT NULL,
    credits     NUMERIC(38, 18) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (customer_id, hold_id)
);
