package dev.tokenledger.projections.reports;

import java.time.LocalDate;

/** Filters of the general-ledger detail; null means "any". */
public record GeneralLedgerQuery(String account, LocalDate from, LocalDate to, String currency, String customer,
                                 String contract, String creditPool, String model, String feature, String product,
                                 String entryId, int limit, long offset) {
}
