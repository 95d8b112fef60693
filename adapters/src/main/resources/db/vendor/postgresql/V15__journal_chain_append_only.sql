-- The journal chain is append-only: what the ledger recorded is never rewritten (README "Tamper evidence").
CREATE FUNCTION refuse_journal_chain_change() RETURNS TRIGGER AS $$
BEGIN
    RAISE EXCEPTION 'journal_chain is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER journal_chain_append_only BEFORE UPDATE OR DELETE ON journal_chain
    FOR EACH ROW EXECUTE FUNCTION refuse_journal_chain_change();
CREATE TRIGGER journal_chain_no_truncate BEFORE TRUNCATE ON journal_chain
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_journal_chain_change();
