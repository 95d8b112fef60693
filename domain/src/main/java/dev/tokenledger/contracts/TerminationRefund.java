package dev.tokenledger.contracts;

/** What the contract says about consideration billed for what is not delivered when it is terminated early. */
public enum TerminationRefund {
    /** Nothing is refunded: consideration billed and not yet recognised becomes revenue (ASC 606-10-25-7). */
    NONE,
    /** Consideration billed for what was not delivered is refunded (a refund liability). */
    UNUSED_PORTION
}
