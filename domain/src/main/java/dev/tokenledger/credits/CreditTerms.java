package dev.tokenledger.credits;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * One version of a credit program's terms, fixed on every pool bought under it.
 *
 * @param programId               the program
 * @param version                 1, 2, ... in order of adoption
 * @param currency                currency of purchases and usage values
 * @param valuePerCredit          list value of one credit (exact, may be finer than the minor unit)
 * @param expiry                  when pools expire
 * @param breakagePolicy          REMOTE (default) or PROPORTIONAL
 * @param expectedRedemptionRate  for PROPORTIONAL: initial E = N x rate (0 < rate <= 1)
 * @param escheatShare            share of a pool's price expected to be remitted as unclaimed property (0..1)
 * @param refundsAllowed          whether unused paid credits may be refunded
 * @param dormancyDays            REMOTE only, optional: after this many days without usage a pool's remaining
 *                                liability (less escheat) is recognised as breakage; reversed if usage resumes
 * @param escheatBasis            what escheatShare applies to: PRICE (default) or EXPECTED_UNREDEEMED
 */
public record CreditTerms(String programId, int version, Currency currency, BigDecimal valuePerCredit,
                          ExpiryRule expiry, BreakagePolicy breakagePolicy, BigDecimal expectedRedemptionRate,
                          BigDecimal escheatShare, boolean refundsAllowed, Integer dormancyDays,
                          EscheatBasis escheatBasis) {

    public CreditTerms(String programId, int version, Currency currency, BigDecimal valuePerCredit, ExpiryRule expiry,
                       BreakagePolicy breakagePolicy, BigDecimal expectedRedemptionRate, BigDecimal escheatShare,
                       boolean refundsAllowed, Integer dormancyDays) {
        this(programId, version, currency, valuePerCredit, expiry, breakagePolicy, expectedRedemptionRate,
                escheatShare, refundsAllowed, dormancyDays, null);
    }

    public CreditTerms(String programId, int version, Currency currency, BigDecimal valuePerCredit, ExpiryRule expiry,
                       BreakagePolicy breakagePolicy, BigDecimal expectedRedemptionRate, BigDecimal escheatShare,
                       boolean refundsAllowed) {
        this(programId, version, currency, valuePerCredit, expiry, breakagePolicy, expectedRedemptionRate,
                escheatShare, refundsAllowed, null);
    }

    public CreditTerms {
        Objects.requireNonNull(programId, "programId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(valuePerCredit, "valuePerCredit");
        expiry = expiry == null ? ExpiryRule.never() : expiry;
        breakagePolicy = breakagePolicy == null ? BreakagePolicy.REMOTE : breakagePolicy;
        expectedRedemptionRate = expectedRedemptionRate == null ? BigDecimal.ONE : expectedRedemptionRate;
        escheatShare = escheatShare == null ? BigDecimal.ZERO : escheatShare;
        escheatBasis = escheatBasis == null ? EscheatBasis.PRICE : escheatBasis;
    }

    /** X, the amount of a pool of price {@code priceMinor} expected to be remitted as unclaimed property, exact. */
    public BigDecimal expectedEscheat(long priceMinor) {
        BigDecimal base = BigDecimal.valueOf(priceMinor);
        if (escheatBasis == EscheatBasis.EXPECTED_UNREDEEMED) {
            base = base.multiply(BigDecimal.ONE.subtract(expectedRedemptionRate));
        }
        return base.multiply(escheatShare);
    }

    /** The policy version postings under these terms record. */
    public String policyVersion() {
        return "credits/" + programId + "/v" + version;
    }
}
