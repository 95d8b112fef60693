package dev.tokenledger.periods;

import dev.tokenledger.kernel.Limits;
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

    /** Parses YYYY-MM (field "period"), refusing months outside the ledger's date range. */
    public static YearMonth parse(String text) {
        return parse(text, "period");
    }

    public static YearMonth parse(String text, String field) {
        if (text == null || !text.matches("\\d{4}-\\d{2}")) {
            throw LedgerRejection.of(RejectionCode.INVALID_PERIOD, field, "'" + text + "' is not YYYY-MM");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw LedgerRejection.of(RejectionCode.INVALID_PERIOD, field, "'" + text + "' is not a calendar month");
        }
        if (month.isBefore(YearMonth.from(Limits.EARLIEST_DATE)) || month.isAfter(YearMonth.from(Limits.LATEST_DATE))) {
            throw LedgerRejection.of(RejectionCode.DATE_OUT_OF_RANGE, field, "periods lie between "
                    + YearMonth.from(Limits.EARLIEST_DATE) + " and " + YearMonth.from(Limits.LATEST_DATE));
        }
        return month;
    }
}
