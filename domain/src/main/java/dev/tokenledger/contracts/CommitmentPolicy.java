package dev.tokenledger.contracts;

/** How a committed minimum spend's shortfall is recognised (README "Contracts", accounting brief 5 and 5b). */
public enum CommitmentPolicy {
    /** The shortfall is recognised and invoiced when the term ends. */
    END_OF_TERM,
    /**
     * The expected shortfall is recognised as usage occurs, in proportion to expected usage (the shape of proportional
     * breakage, ASC 606-10-55-48), against a contract asset the shortfall invoice clears; estimate changes are
     * cumulative catch-ups.
     */
    PROPORTIONAL_EXPECTED_SHORTFALL
}
