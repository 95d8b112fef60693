package dev.tokenledger.usage;

import java.math.BigDecimal;
import java.util.List;

/** The price of one unit type (input tokens, output tokens, images, ...) of one model, in tiers. */
public record UnitPrice(String model, String unit, TierMode mode, List<Tier> tiers) {

    public UnitPrice {
        tiers = tiers == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tiers));
        mode = mode == null ? TierMode.GRADUATED : mode;
    }

    /**
     * The exact value of {@code quantity} units when the customer has already used {@code before} units of this
     * model and unit this month.
     */
    public BigDecimal valueOf(long before, long quantity) {
        if (quantity == 0) {
            return BigDecimal.ZERO;
        }
        if (mode == TierMode.VOLUME) {
            long reached = before + quantity;
            for (Tier tier : tiers) {
                if (tier.upTo() == null || reached <= tier.upTo()) {
                    return tier.unitPrice().multiply(BigDecimal.valueOf(quantity));
                }
            }
            throw new IllegalStateException("tiers of " + model + "/" + unit + " end before " + reached);
        }
        BigDecimal value = BigDecimal.ZERO;
        long lower = 0;
        long from = before;
        long to = before + quantity;
        for (Tier tier : tiers) {
            long upper = tier.upTo() == null ? Long.MAX_VALUE : tier.upTo();
            long overlap = Math.min(to, upper) - Math.max(from, lower);
            if (overlap > 0) {
                value = value.add(tier.unitPrice().multiply(BigDecimal.valueOf(overlap)));
            }
            lower = upper;
        }
        return value;
    }
}
