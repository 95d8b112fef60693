package dev.tokenledger.adapters.projections;

import dev.tokenledger.operations.EventExcludedFromProjections;
import dev.tokenledger.operations.ProjectionDecisions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The events operators decided to leave out of the projections (an audited {@code EventExcludedFromProjections}
 * each), read from the event store before the projections run, so a rebuild leaves out exactly the same events. As
 * an interceptor of the projection processor, it passes every other event on to the handlers.
 */
public class ProjectionExclusions implements MessageHandlerInterceptor<EventMessage<?>> {

    /** Looked up when first needed: the event store is built from the same Axon configuration that uses this. */
    private final Supplier<EventStore> eventStore;
    private volatile Map<String, EventExcludedFromProjections> excluded;

    public ProjectionExclusions(Supplier<EventStore> eventStore) {
        this.eventStore = eventStore;
    }

    /** The excluded events by identifier, with the decision that excluded each. */
    public Map<String, EventExcludedFromProjections> excluded() {
        Map<String, EventExcludedFromProjections> known = excluded;
        if (known == null) {
            known = reload();
        }
        return known;
    }

    /** Reads the decisions again (after a new one). */
    public synchronized Map<String, EventExcludedFromProjections> reload() {
        Map<String, EventExcludedFromProjections> read = new LinkedHashMap<>();
        DomainEventStream stream = eventStore.get().readEvents(ProjectionDecisions.ID);
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof EventExcludedFromProjections e) {
                read.put(e.eventIdentifier(), e);
            }
        }
        excluded = Collections.unmodifiableMap(read);
        return excluded;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (excluded().containsKey(unitOfWork.getMessage().getIdentifier())) {
            return null; // left out by an operator's audited decision: see the projection status
        }
        return chain.proceed();
    }
}
