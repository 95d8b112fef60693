package dev.tokenledger.projections.reports;

import java.time.Instant;

public record PeriodRow(String period, String status, String lastReason, String changedBy, Instant changedAt) {
}
