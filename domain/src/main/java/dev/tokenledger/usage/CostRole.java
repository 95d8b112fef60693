package dev.tokenledger.usage;

import dev.tokenledger.chart.AccountRole;

/** Whether a model's direct cost is the company's own inference compute or fees paid to a third-party model. */
public enum CostRole {
    COMPUTE(AccountRole.COGS_COMPUTE), THIRD_PARTY(AccountRole.COGS_THIRD_PARTY_MODELS);

    private final AccountRole expense;

    CostRole(AccountRole expense) {
        this.expense = expense;
    }

    public AccountRole expenseAccount() {
        return expense;
    }
}
