package dev.tokenledger.periods;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads period status straight from the periods' own event streams, inside the caller's unit of work, so a
 * posting sees exactly what is committed (no projection lag). Callers serialise posting against closing with a
 * lock held for the transaction (see the adapters' period lock), so within one transaction the answer cannot
 * change and is cached there, except by a period command in that same transaction, which clears the cache.
 */
public class EventStorePeriodCalendar implements PeriodCalendar {

    private static final String CACHE = EventStorePeriodCalendar.class.getName() + ".cache";
    private final EventStore eventStore;

    public EventStorePeriodCalendar(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean isClosed(YearMonth period) {
        if (!CurrentUnitOfWork.isStarted()) {
            return readClosed(period);
        }
        Map<YearMonth, Boolean> cache = CurrentUnitOfWork.get().root().getOrComputeResource(CACHE, k -> new HashMap<>());
        return cache.computeIfAbsent(period, this::readClosed);
    }

    /** Called by period commands: what this transaction cached may be about to change. */
    static void forgetCachedStatus() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().remove(CACHE);
        }
    }

    private boolean readClosed(YearMonth period) {
        boolean closed = false;
        DomainEventStream stream = eventStore.readEvents(PeriodIds.aggregateId(period));
        while (stream.hasNext()) {
            closed = AccountingPeriod.isClosedAfter(closed, stream.next().getPayload());
        }
        return closed;
    }
}
