-- The embedded demo database has no triggers: the journal chain is append-only by the ledger's own code
-- (README "Tamper evidence"); on PostgreSQL a trigger enforces it.
SELECT 1;
