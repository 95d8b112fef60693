package dev.tokenledger.periods;

import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** Periods are calendar months; their aggregates live under "period:YYYY-MM". */
public final class PeriodIds {

    private static final String PREFIX = "period:";

    private PeriodIds() {
    }

    public static String aggregateId(YearMonth period) {
        return PREFIX + period;
    }

    public static YearMonth parse(String text) {
        if (text == null || !text.matches("\\d{4}-\\d{2}")) {
            throw LedgerRejection.of(RejectionCode.INVALID_PERIOD, "period", "'" + text + "' is not YYYY-MM");
        }
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw LedgerRejection.of(RejectionCode.INVALID_PERIOD, "period", "'" + text + "' is not a calendar month");
        }
    }
}
