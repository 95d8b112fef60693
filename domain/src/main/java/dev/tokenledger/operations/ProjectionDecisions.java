package dev.tokenledger.operations;

import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.ProcessedRequests;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** Operators' decisions about the projections, each audited like any other event. One stream for the ledger. */
@AggregateRoot
public class ProjectionDecisions {

    public static final String ID = "projection-decisions";
    private static final Pattern EVENT_IDENTIFIER = Pattern.compile("[A-Za-z0-9-]{1,64}");

    @AggregateIdentifier
    private String id;
    private final Set<String> excluded = new HashSet<>();
    private final ProcessedRequests processed = new ProcessedRequests();

    protected ProjectionDecisions() {
    }

    public record Decided(String eventIdentifier, boolean alreadyApplied) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Decided handle(ExcludeEventFromProjections c) {
        String hash = InputFingerprint.of("exclude", c.eventIdentifier(), c.globalIndex(), c.reason());
        if (processed.isRetry(c.requestId(), hash, "requestId")) {
            return new Decided(c.eventIdentifier(), true);
        }
        Violations v = new Violations();
        RequestChecks.id(v, "requestId", c.requestId());
        if (c.eventIdentifier() == null || !EVENT_IDENTIFIER.matcher(c.eventIdentifier()).matches()) {
            v.add(RejectionCode.REQUEST_ID_INVALID, "eventIdentifier", "the identifier of a stored event");
        }
        RequestChecks.reason(v, "reason", c.reason());
        v.throwIfAny();
        if (excluded.contains(c.eventIdentifier())) {
            throw LedgerRejection.of(RejectionCode.EVENT_ALREADY_EXCLUDED, "eventIdentifier",
                    "event " + c.eventIdentifier() + " is already excluded from the projections");
        }
        apply(new EventExcludedFromProjections(c.requestId(), c.eventIdentifier(), c.globalIndex(), c.reason().strip(), hash));
        return new Decided(c.eventIdentifier(), false);
    }

    @EventSourcingHandler
    void on(EventExcludedFromProjections e) {
        id = ID;
        excluded.add(e.eventIdentifier());
        processed.record(e.requestId(), e.inputHash());
    }
}
