package dev.tokenledger.contracts;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The recognition of an obligation satisfied over time, as its segments in date order. */
public final class RatableSchedule {

    private RatableSchedule() {
    }

    /** Recognised in total by the end of {@code date}: the segment in force then decides. */
    public static long cumulativeThrough(List<Segment> segments, LocalDate date) {
        long result = 0;
        for (Segment s : segments) {
            if (s.start().isAfter(date)) {
                break;
            }
            result = s.cumulativeThrough(date);
        }
        return result;
    }

    /** What the schedule recognises in each month after {@code asOf} (the rest of asOf's month first). */
    public static Map<YearMonth, Long> remainingByMonth(List<Segment> segments, LocalDate asOf) {
        Map<YearMonth, Long> result = new LinkedHashMap<>();
        if (segments.isEmpty()) {
            return result;
        }
        LocalDate end = segments.get(segments.size() - 1).end();
        long before = cumulativeThrough(segments, asOf);
        for (YearMonth month = YearMonth.from(asOf); !month.atDay(1).isAfter(end); month = month.plusMonths(1)) {
            long through = cumulativeThrough(segments, month.atEndOfMonth());
            if (through != before) {
                result.put(month, through - before);
            }
            before = through;
        }
        return result;
    }
}
