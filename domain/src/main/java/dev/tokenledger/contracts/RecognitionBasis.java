package dev.tokenledger.contracts;

/** How an obligation satisfied over time measures progress (ASC 606-10-55-16 to 55-21: time elapsed). */
public enum RecognitionBasis {
    /** Equal amounts per day of the period (leap days included), by cumulative catch-up. */
    DAILY,
    /** Equal amounts per month of the period; the period must be whole months from its start day. */
    MONTHLY
}
