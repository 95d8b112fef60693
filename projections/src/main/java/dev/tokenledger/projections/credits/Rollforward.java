package dev.tokenledger.projections.credits;

import java.math.BigDecimal;
import java.util.List;

/**
 * Contract liability for prepaid credits, period by period (ASC 606-10-50-8 and 50-10; README "Reports"): opening + additions - usage revenue -
 * breakage - escheat - refunds + adjustments = closing, per customer and pool, with the revenue of the period that
 * came out of the opening balance. {@code closingPerGeneralLedger} is the GL balance of the account at period end.
 */
public record Rollforward(String account, String currency, List<Period> periods) {

    public record Period(String period, List<Row> rows, Row total, BigDecimal closingPerGeneralLedger,
                         boolean identityHolds, boolean tiesToGeneralLedger) {
    }

    public record Row(String customer, String program, String pool, BigDecimal opening, BigDecimal additions, BigDecimal usageRevenue,
                      BigDecimal breakage, BigDecimal escheat, BigDecimal refunds, BigDecimal adjustments,
                      BigDecimal closing, BigDecimal revenueFromOpeningBalance) {
    }
}
