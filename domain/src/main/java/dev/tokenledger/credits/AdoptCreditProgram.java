package dev.tokenledger.credits;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Adopt a credit program, or a new version of it, effective from a date. Pools bought from that date on carry
 * these terms; pools bought earlier keep the terms they were bought under.
 */
public record AdoptCreditProgram(String programId, String requestId, LocalDate effectiveFrom, String currency,
                                 BigDecimal valuePerCredit, ExpiryRule expiry, BreakagePolicy breakagePolicy,
                                 BigDecimal expectedRedemptionRate, BigDecimal escheatShare, Boolean refundsAllowed,
                                 Integer dormancyDays, EscheatBasis escheatBasis) implements ClientRequest {

    public AdoptCreditProgram(String programId, String requestId, LocalDate effectiveFrom, String currency,
                              BigDecimal valuePerCredit, ExpiryRule expiry, BreakagePolicy breakagePolicy,
                              BigDecimal expectedRedemptionRate, BigDecimal escheatShare, Boolean refundsAllowed,
                              Integer dormancyDays) {
        this(programId, requestId, effectiveFrom, currency, valuePerCredit, expiry, breakagePolicy,
                expectedRedemptionRate, escheatShare, refundsAllowed, dormancyDays, null);
    }

    @Override
    public String clientRequestId() {
        return requestId;
    }

    @Override
    public String targetField() {
        return "programId";
    }

    public AdoptCreditProgram(String programId, String requestId, LocalDate effectiveFrom, String currency,
                              BigDecimal valuePerCredit, ExpiryRule expiry, BreakagePolicy breakagePolicy,
                              BigDecimal expectedRedemptionRate, BigDecimal escheatShare, Boolean refundsAllowed) {
        this(programId, requestId, effectiveFrom, currency, valuePerCredit, expiry, breakagePolicy,
                expectedRedemptionRate, escheatShare, refundsAllowed, null);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return CreditProgram.aggregateId(programId);
    }
}
