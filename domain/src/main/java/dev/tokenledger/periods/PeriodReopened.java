package dev.tokenledger.periods;

import java.time.YearMonth;

public record PeriodReopened(YearMonth period, String requestId, String reason, String inputHash) {
}
