package dev.tokenledger.contracts;

/** When an obligation's allocated amount becomes revenue (ASC 606-10-25-23 to 25-30). */
public enum RecognitionPattern {
    /** Over time, by time elapsed over its period (daily or monthly, {@link RecognitionBasis}). */
    RATABLE,
    /** At the point in time control passes: an explicit delivery event. */
    ON_DELIVERY,
    /** As the customer uses the credits it funds (the wallet's usage, breakage and expiry rules). */
    AS_CREDITS_ARE_USED,
    /**
     * A material right, right by right: each unit's share of the allocated amount when it is exercised, the rest when
     * the option lapses (remote at expiry; README "Material rights").
     */
    EXERCISE_OR_LAPSE,
    /**
     * A material right held as a portfolio (points, bonus credits): cumulative revenue = allocated x exercised /
     * expected to be exercised, with cumulative catch-up when the expectation changes (ASC 606-10-55-42 and 55-48).
     */
    PORTFOLIO_REDEMPTION
}
