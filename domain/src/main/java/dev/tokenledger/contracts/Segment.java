package dev.tokenledger.contracts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * A stretch of an obligation satisfied over time, from {@code start} to {@code end} inclusive, recognising
 * {@code amountMinor} on top of what was recognised before it. Signing makes the first segment; a prospective
 * modification ends it and starts another with the reallocated remainder (ASC 606-10-25-13(a)).
 *
 * <p>Cumulative catch-up (README "Rounding"): recognised through a date = before + round(amount x elapsed / length),
 * half-up, so the segment's total is exactly {@code amountMinor} on its last day whichever days entries post on.
 */
public record Segment(LocalDate start, LocalDate end, long amountMinor, long recognizedBefore, RecognitionBasis basis) {

    public Segment {
        if (end.isBefore(start)) {
            throw new IllegalStateException("segment ends " + end + " before it starts " + start);
        }
        if (amountMinor < 0 || recognizedBefore < 0) {
            throw new IllegalStateException("segments recognise non-negative amounts");
        }
        if (basis == RecognitionBasis.MONTHLY && wholeMonths(start, end) < 0) {
            throw new IllegalStateException("a MONTHLY segment must span whole months: " + start + " to " + end);
        }
    }

    /** Number of whole months from {@code start} to {@code end} inclusive, or -1 when it is not whole months. */
    public static int wholeMonths(LocalDate start, LocalDate end) {
        for (int n = 1; n <= 12 * 250; n++) {
            LocalDate last = start.plusMonths(n).minusDays(1);
            if (last.equals(end)) {
                return n;
            }
            if (last.isAfter(end)) {
                return -1;
            }
        }
        return -1;
    }

    public long days() {
        return ChronoUnit.DAYS.between(start, end) + 1;
    }

    /** Recognised in total by the end of the day {@code date}. */
    public long cumulativeThrough(LocalDate date) {
        if (date.isBefore(start)) {
            return recognizedBefore;
        }
        if (!date.isBefore(end)) {
            return recognizedBefore + amountMinor;
        }
        long elapsed;
        long length;
        if (basis == RecognitionBasis.MONTHLY) {
            length = wholeMonths(start, end);
            elapsed = 0;
            while (!start.plusMonths(elapsed + 1).minusDays(1).isAfter(date)) {
                elapsed++;
            }
        } else {
            length = days();
            elapsed = ChronoUnit.DAYS.between(start, date) + 1;
        }
        return recognizedBefore + BigDecimal.valueOf(amountMinor).multiply(BigDecimal.valueOf(elapsed))
                .divide(BigDecimal.valueOf(length), 0, RoundingMode.HALF_UP).longValueExact();
    }
}
