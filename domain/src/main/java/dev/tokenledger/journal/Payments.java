package dev.tokenledger.journal;

import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.money.Money;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/** The one check of a payment against what a customer document has open (licences, volume agreements). */
public final class Payments {

    private Payments() {
    }

    /**
     * The amount a payment settles, in minor units: {@code amount}, or all that is open when none is given; refused
     * naming the field when the request is malformed or the amount is nil or more than {@code openMinor}.
     *
     * @param owner how the refusal names the document ("licence l-1")
     */
    public static long amountToPay(String paymentId, LocalDate paidOn, BigDecimal amount, long openMinor,
                                   Currency currency, String owner) {
        Violations v = new Violations();
        RequestChecks.id(v, "paymentId", paymentId);
        RequestChecks.date(v, "paidOn", paidOn);
        long minor = amount == null ? openMinor : RequestChecks.amount(v, "amount", amount, currency);
        v.throwIfAny();
        if (minor <= 0 || minor > openMinor) {
            throw LedgerRejection.of(RejectionCode.PAYMENT_EXCEEDS_INVOICE, "amount", owner + " has "
                    + Money.ofMinor(Math.max(openMinor, 0), currency) + " open");
        }
        return minor;
    }
}
