package dev.tokenledger.journal;

import org.axonframework.eventsourcing.eventstore.EventStore;

/** An entry id is taken when an event stream exists under it. */
public class EventStoreEntryDirectory implements EntryDirectory {

    private final EventStore eventStore;

    public EventStoreEntryDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean exists(String entryId) {
        return eventStore.lastSequenceNumberFor(entryId).isPresent();
    }
}
