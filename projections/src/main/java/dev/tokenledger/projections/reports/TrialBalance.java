package dev.tokenledger.projections.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Balances of every account with activity, per currency, as of a posting date and optionally as the ledger knew
 * them at a past recorded time.
 */
public record TrialBalance(LocalDate asOf, Instant knownAt, List<Row> rows, List<CurrencyTotal> totals, boolean balanced) {

    /** {@code debitBalance} / {@code creditBalance}: the net balance shown on its side, the other being zero. */
    public record Row(String accountCode, String accountName, String accountType, String erpCode, String currency,
                      BigDecimal debits, BigDecimal credits, BigDecimal debitBalance, BigDecimal creditBalance) {
    }

    public record CurrencyTotal(String currency, BigDecimal debits, BigDecimal credits,
                                BigDecimal debitBalances, BigDecimal creditBalances) {
    }
}
