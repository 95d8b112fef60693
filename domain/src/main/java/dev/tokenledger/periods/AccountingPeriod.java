package dev.tokenledger.periods;

import dev.tokenledger.journal.EntryRules;
import dev.tokenledger.journal.InputFingerprint;
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
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One calendar month of the books. Open until closed; reopening needs a reason. */
@AggregateRoot
public class AccountingPeriod {

    @AggregateIdentifier
    private String id;
    private boolean closed;
    /** request id -> fingerprint, so retries are no-ops and reused ids are refused. */
    private final Map<String, String> handledRequests = new HashMap<>();

    protected AccountingPeriod() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PeriodChangeResult handle(ClosePeriod command) {
        String hash = InputFingerprint.of("close", command.period());
        if (alreadyHandled(command.requestId(), hash)) {
            return new PeriodChangeResult(command.period(), closed, true);
        }
        Violations violations = new Violations();
        EntryRules.checkId(violations, "requestId", command.requestId());
        violations.throwIfAny();
        if (closed) {
            throw LedgerRejection.of(RejectionCode.PERIOD_ALREADY_CLOSED, "period", command.period() + " is already closed");
        }
        EventStorePeriodCalendar.forgetCachedStatus();
        apply(new PeriodClosed(command.period(), command.requestId(), hash));
        return new PeriodChangeResult(command.period(), true, false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public PeriodChangeResult handle(ReopenPeriod command) {
        String hash = InputFingerprint.of("reopen", command.period(), command.reason());
        if (alreadyHandled(command.requestId(), hash)) {
            return new PeriodChangeResult(command.period(), closed, true);
        }
        Violations violations = new Violations();
        EntryRules.checkId(violations, "requestId", command.requestId());
        EntryRules.checkReason(violations, "reason", command.reason());
        violations.throwIfAny();
        if (!closed) {
            throw LedgerRejection.of(RejectionCode.PERIOD_NOT_CLOSED, "period", command.period() + " is open");
        }
        EventStorePeriodCalendar.forgetCachedStatus();
        apply(new PeriodReopened(command.period(), command.requestId(), command.reason().strip(), hash));
        return new PeriodChangeResult(command.period(), false, false);
    }

    private boolean alreadyHandled(String requestId, String hash) {
        String earlier = requestId == null ? null : handledRequests.get(requestId);
        if (earlier == null) {
            return false;
        }
        if (!earlier.equals(hash)) {
            throw LedgerRejection.of(RejectionCode.IDEMPOTENCY_KEY_REUSED, "requestId",
                    "request " + requestId + " was already used for a different request");
        }
        return true;
    }

    @EventSourcingHandler
    void on(PeriodClosed event) {
        id = PeriodIds.aggregateId(event.period());
        closed = true;
        handledRequests.put(event.requestId(), event.inputHash());
    }

    @EventSourcingHandler
    void on(PeriodReopened event) {
        closed = false;
        handledRequests.put(event.requestId(), event.inputHash());
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
