package dev.tokenledger.contracts;

import java.math.BigDecimal;

/**
 * A contract's committed minimum spend and what was recognised for it.
 *
 * @param expectedConsumption billable usage expected over the term (PROPORTIONAL_EXPECTED_SHORTFALL)
 * @param recognizedMinor     shortfall revenue recognised so far
 */
public record Commitment(long amountMinor, CommitmentPolicy policy, BigDecimal expectedConsumption,
                         long recognizedMinor, boolean settled) {

    Commitment withRecognized(long total) {
        return new Commitment(amountMinor, policy, expectedConsumption, total, settled);
    }

    Commitment withExpected(BigDecimal expected, long total) {
        return new Commitment(amountMinor, policy, expected, total, settled);
    }

    Commitment settledAt(long total) {
        return new Commitment(amountMinor, policy, expectedConsumption, total, true);
    }
}
