package dev.tokenledger.periods;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.YearMonth;

/** Close a period: nothing posts into it any more; late entries go to the first open period. */
public record ClosePeriod(YearMonth period, String requestId) implements ClientRequest {

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
