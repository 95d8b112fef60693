package dev.tokenledger.incentives;

import java.math.BigDecimal;

/**
 * A band of a retrospective volume discount: once the year's volume reaches {@code fromUnits}, every unit of the year
 * costs {@code unitPrice} (exact; rounded only when posted).
 */
public record VolumeTier(BigDecimal fromUnits, BigDecimal unitPrice) {
}
