package dev.tokenledger.projections.credits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A customer's credits now: per pool and in total, in credits and in money (contract liability). */
public record WalletView(String customerId, String currency, BigDecimal availableCredits, BigDecimal heldCredits,
                         BigDecimal availableAfterHolds, BigDecimal liability, BigDecimal unbilledOverage,
                         List<PoolView> pools) {

    public record PoolView(String poolId, String programId, String policyVersion, String breakagePolicy,
                           boolean promotional, LocalDate purchasedOn, LocalDate expiresOn, boolean expired,
                           BigDecimal credits, BigDecimal redeemed, BigDecimal expectedRedeemed,
                           BigDecimal refundedCredits, BigDecimal availableCredits, BigDecimal price,
                           BigDecimal usageRevenue, BigDecimal breakage, BigDecimal refunds, BigDecimal escheat,
                           BigDecimal liability) {
    }
}
