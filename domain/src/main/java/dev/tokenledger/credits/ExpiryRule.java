package dev.tokenledger.credits;

import java.time.LocalDate;

/**
 * When a pool bought under a program expires: {@code days} after purchase, on a fixed date, or never.
 *
 * @param kind      DAYS_AFTER_PURCHASE, FIXED_DATE or NEVER
 * @param days      for DAYS_AFTER_PURCHASE
 * @param fixedDate for FIXED_DATE
 */
public record ExpiryRule(Kind kind, Integer days, LocalDate fixedDate) {

    public enum Kind { DAYS_AFTER_PURCHASE, FIXED_DATE, NEVER }

    public static ExpiryRule never() {
        return new ExpiryRule(Kind.NEVER, null, null);
    }

    public static ExpiryRule daysAfterPurchase(int days) {
        return new ExpiryRule(Kind.DAYS_AFTER_PURCHASE, days, null);
    }

    /** The expiry date of a pool purchased on {@code purchasedOn}; null means it never expires. */
    public LocalDate expiryFor(LocalDate purchasedOn) {
        return switch (kind) {
            case DAYS_AFTER_PURCHASE -> purchasedOn.plusDays(days);
            case FIXED_DATE -> fixedDate;
            case NEVER -> null;
        };
    }
}
