package dev.tokenledger.usage;

import java.math.BigDecimal;

/**
 * How much one credit pool gave to a draw of usage (by credits, or priced usage records), and what it recognised:
 * the pool's redeemed and expected credits after the draw, and the revenue and breakage posted by catch-up.
 */
public record PoolDraw(String poolId, BigDecimal credits, BigDecimal redeemedAfter, BigDecimal expectedAfter,
                       long usageRevenueMinor, long breakageMinor) {
}
