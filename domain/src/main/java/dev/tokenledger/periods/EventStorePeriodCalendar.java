package dev.tokenledger.periods;

import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.YearMonth;

/**
 * Reads period status straight from the periods' own event streams, inside the caller's unit of work, so a
 * posting sees exactly what is committed (no projection lag). Callers serialise posting against closing with
 * a lock held for the transaction (see the adapters' period lock).
 */
public class EventStorePeriodCalendar implements PeriodCalendar {

    private final EventStore eventStore;

    public EventStorePeriodCalendar(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean isClosed(YearMonth period) {
        boolean closed = false;
        DomainEventStream stream = eventStore.readEvents(PeriodIds.aggregateId(period));
        while (stream.hasNext()) {
            closed = AccountingPeriod.isClosedAfter(closed, stream.next().getPayload());
        }
        return closed;
    }
}
