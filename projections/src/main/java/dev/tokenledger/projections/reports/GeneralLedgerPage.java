package dev.tokenledger.projections.reports;

import java.util.List;

public record GeneralLedgerPage(long total, int limit, long offset, List<GeneralLedgerLine> lines) {
}
