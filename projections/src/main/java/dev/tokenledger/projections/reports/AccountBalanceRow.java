package dev.tokenledger.projections.reports;

import java.math.BigDecimal;

public record AccountBalanceRow(String accountCode, String currency, String customer, String contract,
                                String creditPool, String model, String feature, String product,
                                BigDecimal debits, BigDecimal credits, BigDecimal balance, long lineCount) {
}
