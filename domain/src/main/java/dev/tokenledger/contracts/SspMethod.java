package dev.tokenledger.contracts;

/**
 * How a standalone selling price was estimated (ASC 606-10-32-33 and 32-34). The residual approach is allowed only
 * where the SSP is highly variable or uncertain (32-34(c)); an entry with this method states the range a residual
 * must fall in.
 */
public enum SspMethod {
    /** The price the entity charges when it sells the good or service separately to similar customers. */
    OBSERVABLE_PRICE,
    /** What customers in the market would pay, e.g. competitors' prices adjusted for the entity's costs and margins. */
    ADJUSTED_MARKET_ASSESSMENT,
    /** Forecast costs of satisfying the obligation plus an appropriate margin. */
    EXPECTED_COST_PLUS_MARGIN,
    /** Total transaction price less the observable SSPs of the other obligations; within the entry's range. */
    RESIDUAL
}
