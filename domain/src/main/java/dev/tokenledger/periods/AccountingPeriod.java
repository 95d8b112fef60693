package dev.tokenledger.periods;

import dev.tokenledger.kernel.ProcessedRequests;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.YearMonth;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One calendar month of the books. Open until closed; reopening needs a reason. */
@AggregateRoot
public class AccountingPeriod {

    @AggregateIdentifier
    private String id;
    private boolean closed;
    private final ProcessedRequests processed = new ProcessedRequests();

    protected AccountingPeriod() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PeriodChangeResult handle(ClosePeriod command) {
        String hash = InputFingerprint.of("close", command.period());
        if (processed.isRetry(command.requestId(), hash, "requestId")) {
            return new PeriodChangeResult(command.period(), closed, true);
        }
        Violations violations = new Violations();
        RequestChecks.id(violations, "requestId", command.requestId());
        violations.throwIfAny();
        if (closed) {
            throw LedgerRejection.of(RejectionCode.PERIOD_ALREADY_CLOSED, "period", command.period() + " is already closed");
        }
        EventStorePeriodCalendar.forgetCachedStatus();
        apply(new PeriodClosed(command.period(), command.requestId(), hash));
        if (command.seal() != null) {
            apply(new PeriodSealed(command.period(), command.requestId(), command.seal()));
        }
        return new PeriodChangeResult(command.period(), true, false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PeriodChangeResult handle(ReopenPeriod command) {
        String hash = InputFingerprint.of("reopen", command.period(), command.reason());
        if (processed.isRetry(command.requestId(), hash, "requestId")) {
            return new PeriodChangeResult(command.period(), closed, true);
        }
        Violations violations = new Violations();
        RequestChecks.id(violations, "requestId", command.requestId());
        RequestChecks.reason(violations, "reason", command.reason());
        violations.throwIfAny();
        if (!closed) {
            throw LedgerRejection.of(RejectionCode.PERIOD_NOT_CLOSED, "period", command.period() + " is open");
        }
        EventStorePeriodCalendar.forgetCachedStatus();
        apply(new PeriodReopened(command.period(), command.requestId(), command.reason().strip(), hash));
        return new PeriodChangeResult(command.period(), false, false);
    }

    @EventSourcingHandler
    void on(PeriodClosed event) {
        id = PeriodIds.aggregateId(event.period());
        closed = true;
        processed.record(event.requestId(), event.inputHash());
    }

    @EventSourcingHandler
    void on(PeriodReopened event) {
        closed = false;
        processed.record(event.requestId(), event.inputHash());
    }

    static boolean isClosedAfter(boolean closedBefore, Object eventPayload) {
        if (eventPayload instanceof PeriodClosed) {
            return true;
        }
        if (eventPayload instanceof PeriodReopened) {
            return false;
        }
        return closedBefore;
    }

    static YearMonth periodOf(String aggregateId) {
        return YearMonth.parse(aggregateId.substring(aggregateId.indexOf(':') + 1));
    }
}
