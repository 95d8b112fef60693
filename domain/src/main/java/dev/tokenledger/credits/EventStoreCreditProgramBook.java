package dev.tokenledger.credits;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.LocalDate;
import java.util.Optional;

/** Reads a program's versions from its own event stream: the latest version effective on or before the date. */
public class EventStoreCreditProgramBook implements CreditProgramBook {

    private final EventStore eventStore;

    public EventStoreCreditProgramBook(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<CreditTerms> termsInForce(String programId, LocalDate date) {
        if (programId == null || date == null) {
            return Optional.empty();
        }
        CreditTerms inForce = null;
        DomainEventStream stream = eventStore.readEvents(CreditProgram.aggregateId(programId));
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof CreditProgramAdopted adopted && !adopted.effectiveFrom().isAfter(date)) {
                inForce = adopted.terms();
            }
        }
        return Optional.ofNullable(inForce);
    }
}
