package dev.tokenledger.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;

/**
 * One version of a standalone selling price in the SSP table, effective from a date.
 *
 * @param unit       what one unit of quantity is (month, credit, seat, each ...): an obligation's SSP is
 *                   {@code unitPrice x quantity}
 * @param unitPrice  the SSP of one unit (absent for a RESIDUAL entry, which has only its range)
 * @param rangeLow   the lowest SSP per unit the evidence supports (required for RESIDUAL; otherwise optional, and
 *                   then the band within which a price still "reflects the SSP" for contract modifications)
 * @param rangeHigh  the highest, likewise
 * @param evidence   what the estimate rests on (pricing study, list of standalone sales, cost model ...)
 * @param evidenceAsOf the date of that evidence
 */
public record SspTerms(String sspId, int version, LocalDate effectiveFrom, String description, Currency currency,
                       SspMethod method, String unit, BigDecimal unitPrice, BigDecimal rangeLow, BigDecimal rangeHigh,
                       String evidence, LocalDate evidenceAsOf) {

    public boolean isResidual() {
        return method == SspMethod.RESIDUAL;
    }

    public boolean hasRange() {
        return rangeLow != null && rangeHigh != null;
    }

    /** The version's label as it appears in allocations and policy documents. */
    public String label() {
        return sspId + " v" + version;
    }
}
