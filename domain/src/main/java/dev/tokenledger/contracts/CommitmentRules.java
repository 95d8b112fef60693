package dev.tokenledger.contracts;

import dev.tokenledger.chart.AccountRole;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;

/**
 * A committed minimum spend (take-or-pay; README "Contracts", accounting brief 5 and 5b). Spend counted toward the
 * commitment is the greater of the customer's billable usage over the term (usage drawn from paid pools and overage,
 * at the prices it posted at) and the consideration of the contract's prepaid credits (paid whether used or not; what
 * is left of them at expiry is breakage, so it is never billed twice). The shortfall is the commitment less that,
 * never negative, rounded half-up once.
 *
 * <ul>
 *   <li>END_OF_TERM: nothing before the term ends; then the shortfall is recognised and invoiced at once
 *       (DR ACCOUNTS_RECEIVABLE, CR COMMITMENT_SHORTFALL_REVENUE).</li>
 *   <li>PROPORTIONAL_EXPECTED_SHORTFALL: expected shortfall S = commitment - max(expected usage, prepaid credits);
 *       recognised cumulative = round(S x min(usage so far / expected usage, 1)) at each recognition run, against the
 *       contract's position (a contract asset); a revised expectation is a cumulative catch-up; at the end of the term
 *       the actual shortfall is trued up and invoiced, which clears the asset.</li>
 * </ul>
 */
final class CommitmentRules {

    private static final MathContext PRECISION = new MathContext(34, RoundingMode.HALF_EVEN);

    private CommitmentRules() {
    }

    record Measured(long deltaMinor, BigDecimal usageCounted) {
    }

    record Settlement(long shortfallMinor, BigDecimal usageCounted, int postings) {
    }

    /** The proportional catch-up through {@code through}; null when the policy recognises nothing before the end. */
    static Measured measure(Commitment commitment, String customerId, Currency currency, LocalDate termStart,
                            LocalDate termEnd, long prepaidMinor, LocalDate through, ConsumptionMeter meter) {
        if (commitment == null || commitment.settled() || through.isBefore(termStart)
                || commitment.policy() != CommitmentPolicy.PROPORTIONAL_EXPECTED_SHORTFALL) {
            return null;
        }
        LocalDate until = through.isAfter(termEnd) ? termEnd : through;
        BigDecimal used = meter.billableUsage(customerId, currency.getCurrencyCode(), termStart, until).value();
        BigDecimal expected = commitment.expectedConsumption();
        BigDecimal floor = expected.max(Contract.exact(prepaidMinor, currency));
        BigDecimal expectedShortfall = Contract.exact(commitment.amountMinor(), currency).subtract(floor).max(BigDecimal.ZERO);
        BigDecimal progress = used.divide(expected, PRECISION).min(BigDecimal.ONE);
        long target = Contract.roundHalfUp(expectedShortfall.multiply(progress), currency);
        return new Measured(target - commitment.recognizedMinor(), used);
    }

    /** Settles the commitment over {@code termStart}..{@code end}, adding its lines to {@code postings}. */
    static Settlement settle(Commitment commitment, String customerId, Currency currency, LocalDate termStart,
                             LocalDate end, long prepaidMinor, ConsumptionMeter meter, ContractPostings postings,
                             AccountRole billTo) {
        ConsumptionMeter.Consumption used = meter.billableUsage(customerId, currency.getCurrencyCode(), termStart, end);
        BigDecimal counted = used.value().max(Contract.exact(prepaidMinor, currency));
        long shortfall = Contract.roundHalfUp(
                Contract.exact(commitment.amountMinor(), currency).subtract(counted).max(BigDecimal.ZERO), currency);
        if (commitment.policy() == CommitmentPolicy.END_OF_TERM) {
            postings.pair(billTo, AccountRole.COMMITMENT_SHORTFALL_REVENUE, shortfall, null, null);
        } else {
            postings.recognize(AccountRole.COMMITMENT_SHORTFALL_REVENUE, shortfall - commitment.recognizedMinor(), null);
            if (shortfall > 0) {
                postings.bill(billTo, shortfall);
            }
        }
        return new Settlement(shortfall, used.value(), used.postings());
    }
}
