package dev.tokenledger.periods;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.YearMonth;

/** Reopen a closed period; needs a reason, and is itself audited. */
public record ReopenPeriod(YearMonth period, String requestId, String reason) implements ClientRequest {

    @Override
    public String clientRequestId() {
        return requestId;
    }

    @Override
    public String targetField() {
        return "period";
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return PeriodIds.aggregateId(period);
    }
}
