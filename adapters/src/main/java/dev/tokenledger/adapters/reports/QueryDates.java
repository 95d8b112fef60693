package dev.tokenledger.adapters.reports;

import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.kernel.Limits;

import java.time.LocalDate;

/** Dates in report queries lie in the ledger's date range, like every date it stores. */
final class QueryDates {

    private QueryDates() {
    }

    static LocalDate within(String parameter, LocalDate date) {
        if (date != null && (date.isBefore(Limits.EARLIEST_DATE) || date.isAfter(Limits.LATEST_DATE))) {
            throw new InvalidParameterException(parameter, "dates lie between " + Limits.EARLIEST_DATE + " and "
                    + Limits.LATEST_DATE);
        }
        return date;
    }
}
