package dev.tokenledger.usage;

import java.math.BigDecimal;

/**
 * One band of a tiered price: units up to {@code upTo} (month-to-date, exclusive of what lies above; null for the
 * last, unbounded band) cost {@code unitPrice} each, exactly (no rounding until posting).
 */
public record Tier(Long upTo, BigDecimal unitPrice) {
}
