package dev.tokenledger.usage;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * The price of one unit type (input tokens, output tokens, images, ...) of one model, in tiers.
 *
 * @param tiersAccumulateFrom absent: tiers read the customer's month-to-date quantity; a month: they read the quantity
 *                            of the contract year (twelve months from this month, then the next twelve ...) to date,
 *                            priced as consumed (README "Usage records": prospective contract-year tiers)
 */
public record UnitPrice(String model, String unit, TierMode mode, List<Tier> tiers, YearMonth tiersAccumulateFrom) {

    public UnitPrice {
        tiers = tiers == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tiers));
        mode = mode == null ? TierMode.GRADUATED : mode;
    }

    /** A price whose tiers read the month-to-date quantity. */
    public UnitPrice(String model, String unit, TierMode mode, List<Tier> tiers) {
        this(model, unit, mode, tiers, null);
    }

    /** The first month of the period whose quantity to date the tiers read, for usage in {@code month}. */
    public YearMonth tierPeriodOf(YearMonth month) {
        if (tiersAccumulateFrom == null || month.isBefore(tiersAccumulateFrom)) {
            return month;
        }
        long years = (tiersAccumulateFrom.until(month, java.time.temporal.ChronoUnit.MONTHS)) / 12;
        return tiersAccumulateFrom.plusYears(years);
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
