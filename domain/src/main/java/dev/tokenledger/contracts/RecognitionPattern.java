package dev.tokenledger.contracts;

/** When an obligation's allocated amount becomes revenue (ASC 606-10-25-23 to 25-30). */
public enum RecognitionPattern {
    /** Over time, by time elapsed over its period (daily or monthly, {@link RecognitionBasis}). */
    RATABLE,
    /** At the point in time control passes: an explicit delivery event. */
    ON_DELIVERY,
    /** As the customer uses the credits it funds (the wallet's usage, breakage and expiry rules). */
    AS_CREDITS_ARE_USED
}
