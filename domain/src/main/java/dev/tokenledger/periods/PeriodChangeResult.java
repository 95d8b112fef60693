package dev.tokenledger.periods;

import java.time.YearMonth;

/** What closing or reopening returns; {@code alreadyApplied} marks a retried request. */
public record PeriodChangeResult(YearMonth period, boolean closed, boolean alreadyApplied) {
}
