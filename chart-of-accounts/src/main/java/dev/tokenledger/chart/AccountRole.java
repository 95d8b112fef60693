package dev.tokenledger.chart;

/**
 * What an account is for. Postings name roles, never account codes, so a company can replace the chart
 * with its own: the chart maps every role to exactly one postable account.
 */
public enum AccountRole {
    CASH,
    ACCOUNTS_RECEIVABLE,
    UNBILLED_RECEIVABLE,
    CONTRACT_ASSET,
    ACCOUNTS_PAYABLE,
    ACCRUED_COMPUTE,
    DEFERRED_REVENUE_CREDITS,
    DEFERRED_REVENUE_SUBSCRIPTION,
    /** Consideration allocated to material rights (options, points, bonus credits) not yet exercised or lapsed. */
    MATERIAL_RIGHT_LIABILITY,
    /** Consideration received for a licence or royalties before the licence is transferred (ASC 606-10-55-65). */
    DEFERRED_REVENUE_LICENCES,
    REFUND_LIABILITY,
    UNCLAIMED_PROPERTY_LIABILITY,
    EQUITY,
    USAGE_REVENUE,
    SUBSCRIPTION_REVENUE,
    SUPPORT_REVENUE,
    BREAKAGE_REVENUE,
    COMMITMENT_SHORTFALL_REVENUE,
    SERVICES_REVENUE,
    PRODUCT_REVENUE,
    MATERIAL_RIGHT_REVENUE,
    LICENCE_REVENUE,
    ROYALTY_REVENUE,
    COGS_COMPUTE,
    COGS_INFRASTRUCTURE,
    COGS_THIRD_PARTY_MODELS,
    PAYMENT_FEES
}
