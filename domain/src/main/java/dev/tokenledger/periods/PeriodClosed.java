package dev.tokenledger.periods;

import java.time.YearMonth;

/** {@code inputHash} fingerprints the request, so a retry under the same request id is recognised. */
public record PeriodClosed(YearMonth period, String requestId, String inputHash) {
}
