package dev.tokenledger.journal;

import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Optional;
import java.util.function.Function;

/**
 * An id is taken when an event stream exists under it. Entries posted by business events live inside their
 * aggregate's stream (a wallet, a contract), so their kind comes from the general ledger's index of entries,
 * given by the adapters.
 */
public class EventStoreEntryDirectory implements EntryDirectory {

    private final EventStore eventStore;
    private final Function<String, Optional<EntryKind>> postedEntries;

    public EventStoreEntryDirectory(EventStore eventStore, Function<String, Optional<EntryKind>> postedEntries) {
        this.eventStore = eventStore;
        this.postedEntries = postedEntries;
    }

    @Override
    public boolean exists(String entryId) {
        return eventStore.lastSequenceNumberFor(entryId).isPresent() || postedEntries.apply(entryId).isPresent();
    }

    @Override
    public Optional<EntryKind> kindOf(String entryId) {
        return postedEntries.apply(entryId);
    }
}
