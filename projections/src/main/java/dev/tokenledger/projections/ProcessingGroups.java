package dev.tokenledger.projections;

/** Names of the streaming processors; every projection is rebuilt by resetting its processor's tokens. */
public final class ProcessingGroups {

    /** General ledger, balances by dimension, audit trail, period status. */
    public static final String LEDGER = "ledger-projections";

    private ProcessingGroups() {
    }
}
