package dev.tokenledger.credits;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * Who a wallet belongs to and what its credits are worth: set by its first pool (or, for a pay-as-you-go customer,
 * by its first usage, with no value per credit). Shared read-only by the wallet's members.
 */
final class WalletProfile {

    private String customerId;
    private Currency currency;
    private BigDecimal valuePerCredit;

    void open(String customer, CreditTerms terms) {
        customerId = customer;
        currency = terms.currency();
        valuePerCredit = terms.valuePerCredit();
    }

    void openPayAsYouGo(String customer, Currency usageCurrency) {
        if (customerId == null) {
            customerId = customer;
            currency = usageCurrency;
        }
    }

    boolean isOpen() {
        return customerId != null;
    }

    String customerId() {
        return customerId;
    }

    Currency currency() {
        return currency;
    }

    /** Null for a pay-as-you-go wallet that has never held a pool. */
    BigDecimal valuePerCredit() {
        return valuePerCredit;
    }

    /** Credits worth {@code value}; a pay-as-you-go wallet (no program yet) has no pools, so any figure will do. */
    BigDecimal creditsWorth(BigDecimal value) {
        return valuePerCredit == null ? value : value.divide(valuePerCredit, CreditPool.PRECISION);
    }

    /** The value of {@code credits}, exactly. */
    BigDecimal valueOf(BigDecimal credits) {
        return valuePerCredit == null ? credits : credits.multiply(valuePerCredit);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WalletProfile p && java.util.Objects.equals(customerId, p.customerId)
                && java.util.Objects.equals(currency, p.currency)
                && (valuePerCredit == null ? p.valuePerCredit == null
                : p.valuePerCredit != null && valuePerCredit.compareTo(p.valuePerCredit) == 0);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(customerId, currency);
    }

    @Override
    public String toString() {
        return "wallet of " + customerId + " in " + currency + " at " + valuePerCredit + " per credit";
    }
}
