package dev.tokenledger.usage;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the catalog from its own event stream. The stream is re-read only when its last sequence number has moved,
 * and that number is looked up once per unit of work, so pricing a large batch costs one query.
 */
public class EventStorePricingCatalogBook implements PricingCatalogBook {

    private static final String RESOURCE = EventStorePricingCatalogBook.class.getName() + ".catalog";
    private final EventStore eventStore;
    private final AtomicReference<Loaded> loaded = new AtomicReference<>(new Loaded(-1, Catalog.EMPTY));

    private record Loaded(long sequence, Catalog catalog) {
    }

    public EventStorePricingCatalogBook(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Catalog current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return load();
        }
        // not getOrComputeResource: loading reads the event store, which uses the same resources map
        var resources = CurrentUnitOfWork.get().root().resources();
        Catalog cached = (Catalog) resources.get(RESOURCE);
        if (cached == null) {
            cached = load();
            resources.put(RESOURCE, cached);
        }
        return cached;
    }

    /** Called by the catalog aggregate: a publication in this unit of work must be seen by what follows it. */
    static void forgetCachedCatalog() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().remove(RESOURCE);
        }
    }

    private Catalog load() {
        Optional<Long> last = eventStore.lastSequenceNumberFor(PricingCatalog.ID);
        long sequence = last.orElse(-1L);
        Loaded cached = loaded.get();
        if (cached.sequence() == sequence) {
            return cached.catalog();
        }
        List<RateCard> rates = new ArrayList<>();
        List<CostCard> costs = new ArrayList<>();
        long read = -1;
        DomainEventStream stream = eventStore.readEvents(PricingCatalog.ID);
        while (stream.hasNext()) {
            var event = stream.next();
            read = event.getSequenceNumber();
            if (event.getPayload() instanceof RateCardPublished r) {
                rates.add(r.card());
            } else if (event.getPayload() instanceof CostCardPublished c) {
                costs.add(c.card());
            }
        }
        Catalog catalog = new Catalog(rates, costs);
        if (read == sequence) {
            loaded.set(new Loaded(read, catalog));
        }
        return catalog;
    }
}
