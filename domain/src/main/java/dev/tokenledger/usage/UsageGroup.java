package dev.tokenledger.usage;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What one posting recorded for one model, feature and cost role: counts, exact value and cost, and the minor units
 * posted for them (revenue allocated from the wallet's catch-up, cost by its own cumulative catch-up).
 */
public record UsageGroup(String model, String feature, CostRole costRole, int records, long tokens,
                         Map<String, Long> quantities, BigDecimal value, long revenueMinor, BigDecimal cost,
                         long costMinor) {
}
