package dev.tokenledger.contracts;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Publish a standalone selling price, or a new version of it, effective from a date (README "Contracts"). */
public record PublishStandaloneSellingPrice(String sspId, String requestId, LocalDate effectiveFrom, String description,
                                            String currency, SspMethod method, String unit, BigDecimal unitPrice,
                                            BigDecimal rangeLow, BigDecimal rangeHigh, String evidence,
                                            LocalDate evidenceAsOf) implements ClientRequest {

    @Override
    public String clientRequestId() {
        return requestId;
    }

    @Override
    public String targetField() {
        return "sspId";
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return StandaloneSellingPrice.aggregateId(sspId);
    }
}
