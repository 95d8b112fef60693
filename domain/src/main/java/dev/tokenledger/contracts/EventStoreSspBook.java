package dev.tokenledger.contracts;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.LocalDate;
import java.util.Optional;

/** Reads an SSP's versions from its own event stream: the latest version effective on or before the date. */
public class EventStoreSspBook implements SspBook {

    private final EventStore eventStore;

    public EventStoreSspBook(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<SspTerms> inForce(String sspId, LocalDate date) {
        if (sspId == null || date == null) {
            return Optional.empty();
        }
        SspTerms inForce = null;
        DomainEventStream stream = eventStore.readEvents(StandaloneSellingPrice.aggregateId(sspId));
        while (stream.hasNext()) {
            if (stream.next().getPayload() instanceof StandaloneSellingPricePublished published
                    && !published.terms().effectiveFrom().isAfter(date)) {
                inForce = published.terms();
            }
        }
        return Optional.ofNullable(inForce);
    }
}
