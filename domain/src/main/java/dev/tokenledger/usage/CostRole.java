package dev.tokenledger.usage;

import dev.tokenledger.chart.AccountRole;

/**
 * Whether a model's direct cost is the company's own inference compute, fees paid to a third-party model the company
 * sells as principal, or the fee of a provider whose model the company resells as its agent (ASC 606-10-55-36 to
 * 55-40; README "Usage records": principal or agent).
 */
public enum CostRole {
    /** Own inference: cost of revenue. */
    COMPUTE(AccountRole.COGS_COMPUTE),
    /** A third-party model the company controls before it serves the call (principal): gross revenue, fee as cost. */
    THIRD_PARTY(AccountRole.COGS_THIRD_PARTY_MODELS),
    /**
     * A third-party model the company arranges for the provider to serve (agent): revenue is the company's net fee, so
     * the provider's fee is posted against usage revenue, not as cost.
     */
    AGENT(AccountRole.USAGE_REVENUE);

    private final AccountRole expense;

    CostRole(AccountRole expense) {
        this.expense = expense;
    }

    public AccountRole debitRole() {
        return expense;
    }
}
