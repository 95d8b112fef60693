-- The journal's hash chain as the ledger first recorded it (README "Tamper evidence"). SOURCE DATA, not a
-- projection: written once per entry, in event-store order, when the entry is first projected; a rebuild keeps it
-- (on PostgreSQL a trigger refuses updates, deletes and truncation). `verify` compares the event store with it.
CREATE TABLE journal_chain (
    seq          BIGINT       PRIMARY KEY,
    entry_id     VARCHAR(255) NOT NULL,
    global_index BIGINT       NOT NULL,
    content_hash CHAR(64)     NOT NULL,
    chain_hash   CHAR(64)     NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT journal_chain_entry UNIQUE (entry_id),
    CONSTRAINT journal_chain_position UNIQUE (global_index)
);
