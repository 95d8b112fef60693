package dev.tokenledger.periods;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.YearMonth;

/**
 * Close a period: nothing posts into it any more; late entries go to the first open period. {@code seal}, when given,
 * is the checkpoint of the journal as the ledger had it (README "Tamper evidence").
 */
public record ClosePeriod(YearMonth period, String requestId, JournalSeal seal) implements ClientRequest {

    /** A close without a checkpoint (imports of history; the ledger's own close endpoint seals). */
    public ClosePeriod(YearMonth period, String requestId) {
        this(period, requestId, null);
    }

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
