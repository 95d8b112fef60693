package dev.tokenledger.chart;

/** The five account types; the type decides on which side an account's balance normally sits. */
public enum AccountType {
    ASSET(true),
    LIABILITY(false),
    EQUITY(false),
    REVENUE(false),
    EXPENSE(true);

    private final boolean debitNormal;

    AccountType(boolean debitNormal) {
        this.debitNormal = debitNormal;
    }

    /** True for assets and expenses, whose balance is normally a debit. */
    public boolean isDebitNormal() {
        return debitNormal;
    }
}
