package dev.tokenledger.projections.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

public record GeneralLedgerLine(String entryId, int lineNo, LocalDate postingDate, LocalDate effectiveDate,
                                boolean priorPeriod, String kind, String accountCode, String side, BigDecimal amount,
                                String currency, String customer, String contract, String creditPool, String model,
                                String feature, String product, String memo, String reversesEntryId,
                                String reversedByEntryId, Instant recordedAt, String reason, String sourceEventType) {
}
