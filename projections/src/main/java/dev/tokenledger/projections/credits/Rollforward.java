package dev.tokenledger.projections.credits;

import java.math.BigDecimal;
import java.util.List;

/**
 * Contract liabilities, period by period (ASC 606-10-50-8 and 50-10; README "Reports"): opening + additions +
 * transfers - usage revenue - contract revenue - breakage - escheat - refunds + adjustments = closing, per account,
 * customer, contract and obligation (a credit pool, or a contract's own liability), with the revenue of the period that
 * came out of the opening balance. {@code closingPerGeneralLedger} is the GL balance of the accounts at period end.
 *
 * @param account  the prepaid-credit liability account
 * @param accounts every contract-liability account covered (prepaid credits, then contracts)
 */
public record Rollforward(String account, List<String> accounts, String currency, List<Period> periods) {

    public record Period(String period, List<Row> rows, Row total, BigDecimal closingPerGeneralLedger,
                         boolean identityHolds, boolean tiesToGeneralLedger) {
    }

    /**
     * @param transfers       between contract liabilities: a contract's consideration moving into the credit pool it
     *                        funds (positive on the pool, negative on the contract)
     * @param contractRevenue platform, support, services, product and shortfall revenue out of a contract's liability
     */
    public record Row(String customer, String program, String pool, BigDecimal opening, BigDecimal additions, BigDecimal usageRevenue,
                      BigDecimal breakage, BigDecimal escheat, BigDecimal refunds, BigDecimal adjustments,
                      BigDecimal closing, BigDecimal revenueFromOpeningBalance, String account, String contract,
                      String obligation, BigDecimal transfers, BigDecimal contractRevenue) {
    }
}
