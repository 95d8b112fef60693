package dev.tokenledger.contracts;

/** When a contract's fixed price is billed, independent of when it is recognised (ASC 606-10-45-1 to 45-4). */
public enum BillingSchedule {
    /** All of it on the first day of the term. */
    UPFRONT,
    /** Equal parts at the start of each month of the term. */
    MONTHLY,
    /** Equal parts at the start of each quarter of the term. */
    QUARTERLY,
    /** Equal parts at the end of each month of the term. */
    MONTHLY_IN_ARREARS
}
