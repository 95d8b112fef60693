package dev.tokenledger.periods;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * Which accounting periods are closed, and where an entry dated in one of them posts instead (README "Periods": the
 * first open period after it, flagged prior-period, keeping its original date).
 */
public interface PeriodCalendar {

    boolean isClosed(YearMonth period);

    /** Where an entry effective on {@code effectiveDate} is booked. */
    default Routing route(LocalDate effectiveDate) {
        YearMonth own = YearMonth.from(effectiveDate);
        if (!isClosed(own)) {
            return new Routing(effectiveDate, false);
        }
        YearMonth open = own.plusMonths(1);
        while (isClosed(open)) {
            open = open.plusMonths(1);
        }
        return new Routing(open.atDay(1), true);
    }

    /**
     * @param postingDate the date the entry is booked on
     * @param priorPeriod true when it belongs to a closed period and was moved to the first open one
     */
    record Routing(LocalDate postingDate, boolean priorPeriod) {
    }
}
