package dev.tokenledger.contracts;

import dev.tokenledger.chart.AccountRole;

import java.util.Set;

/**
 * The kinds of performance obligation a contract can hold (ASC 606-10-25-14 to 25-22), each with the revenue role it
 * posts to and the ways it may be satisfied.
 */
public enum ObligationKind {
    /** Access to the platform over a period (a stand-ready obligation: over time, by time elapsed). */
    PLATFORM_ACCESS(AccountRole.SUBSCRIPTION_REVENUE, Set.of(RecognitionPattern.RATABLE)),
    /** Support over a period (stand-ready: over time). */
    SUPPORT(AccountRole.SUPPORT_REVENUE, Set.of(RecognitionPattern.RATABLE)),
    /** Implementation, training or other fixed-fee services: over their service period, or on delivery. */
    SERVICE(AccountRole.SERVICES_REVENUE, Set.of(RecognitionPattern.RATABLE, RecognitionPattern.ON_DELIVERY)),
    /** A product (e.g. a licence of functional IP, an appliance) whose control passes at a point in time. */
    PRODUCT(AccountRole.PRODUCT_REVENUE, Set.of(RecognitionPattern.ON_DELIVERY)),
    /** A pool of prepaid credits: the wallet recognises it as credits are used, with breakage and expiry. */
    CREDIT_POOL(AccountRole.USAGE_REVENUE, Set.of(RecognitionPattern.AS_CREDITS_ARE_USED)),
    /**
     * An option the contract gives that the customer would not get without it (ASC 606-10-55-41 to 55-45): a voucher,
     * loyalty points, bonus credits. Its SSP is the discount x the likelihood of exercise; its allocated amount sits in
     * MATERIAL_RIGHT_LIABILITY until the option is exercised or lapses.
     */
    MATERIAL_RIGHT(AccountRole.MATERIAL_RIGHT_REVENUE,
            Set.of(RecognitionPattern.EXERCISE_OR_LAPSE, RecognitionPattern.PORTFOLIO_REDEMPTION));

    private final AccountRole revenueRole;
    private final Set<RecognitionPattern> patterns;

    ObligationKind(AccountRole revenueRole, Set<RecognitionPattern> patterns) {
        this.revenueRole = revenueRole;
        this.patterns = patterns;
    }

    public AccountRole revenueRole() {
        return revenueRole;
    }

    public boolean allows(RecognitionPattern pattern) {
        return patterns.contains(pattern);
    }

    /** The pattern used when a contract names none. */
    public RecognitionPattern defaultPattern() {
        return switch (this) {
            case PLATFORM_ACCESS, SUPPORT, SERVICE -> RecognitionPattern.RATABLE;
            case PRODUCT -> RecognitionPattern.ON_DELIVERY;
            case CREDIT_POOL -> RecognitionPattern.AS_CREDITS_ARE_USED;
            case MATERIAL_RIGHT -> RecognitionPattern.EXERCISE_OR_LAPSE;
        };
    }
}
