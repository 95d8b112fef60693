package dev.tokenledger.adapters.platform;

import dev.tokenledger.kernel.Limits;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The instant a report is read "as known at" lies from the first day the ledger can hold to the end of its last: an
 * ISO instant can name years the database's time types cannot hold, and such a request must fail on its parameter
 * (problem+json naming it), not in the query.
 */
public final class KnownAt {

    static final Instant EARLIEST = Limits.EARLIEST_DATE.atStartOfDay(ZoneOffset.UTC).toInstant();
    static final Instant END = Limits.LATEST_DATE.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private KnownAt() {
    }

    public static Instant within(String parameter, Instant instant) {
        if (instant != null && (instant.isBefore(EARLIEST) || !instant.isBefore(END))) {
            throw new InvalidParameterException(parameter, "instants lie from " + EARLIEST + " to before " + END);
        }
        return instant;
    }
}
