package dev.tokenledger.projections.credits;

import dev.tokenledger.credits.Events.BreakageEstimateRevised;
import dev.tokenledger.credits.Events.CreditPoolExpired;
import dev.tokenledger.credits.Events.CreditsPurchased;
import dev.tokenledger.credits.Events.CreditsRefunded;
import dev.tokenledger.credits.Events.PromotionalCreditsGranted;
import dev.tokenledger.credits.Events.UsageDrawn;
import dev.tokenledger.credits.CreditTerms;
import dev.tokenledger.projections.BatchBuffer;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.LocalDate;

import static dev.tokenledger.projections.credits.CreditTables.Overage;
import static dev.tokenledger.projections.credits.CreditTables.Pool;

/** Keeps each credit pool's state (credits, R, E, amounts recognised, liability) for wallets and reports. */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class CreditPoolProjection {

    private static final String BUFFER = CreditPoolProjection.class.getName() + ".draws";
    private final DSLContext db;

    public CreditPoolProjection(DSLContext db) {
        this.db = db;
    }

    /**
     * The draws of a batch of events, merged per pool and per wallet's overage and written as two JDBC batches when
     * the batch commits: a usage import made two single-row statements per posting, 6.5 % of the JVM's time in the
     * import (JFR, BENCHMARKS.md). Every other handler here flushes them first, so rows change in event order.
     */
    private final class PendingDraws {
        /** Per (customer, pool): redeemed after, expected after, usage minor, breakage minor, latest draw date. */
        final java.util.Map<java.util.List<String>, Object[]> pools = new java.util.LinkedHashMap<>();
        /** Per customer: currency, overage value after, overage minor. */
        final java.util.Map<String, Object[]> overages = new java.util.LinkedHashMap<>();

        void flush() {
            if (!pools.isEmpty()) {
                var update = db.batch(db.update(Pool.TABLE)
                        .set(Pool.REDEEMED, (BigDecimal) null)
                        .set(Pool.EXPECTED, (BigDecimal) null)
                        .set(Pool.USAGE_MINOR, Pool.USAGE_MINOR.plus((Long) null))
                        .set(Pool.BREAKAGE_MINOR, Pool.BREAKAGE_MINOR.plus((Long) null))
                        .set(Pool.DORMANT, DSL.inline(false)) // inline: a batch binds every parameter of the statement
                        .set(Pool.LAST_ACTIVITY, DSL.greatest(Pool.LAST_ACTIVITY, DSL.val((LocalDate) null, Pool.LAST_ACTIVITY)))
                        .where(Pool.CUSTOMER_ID.eq((String) null)).and(Pool.POOL_ID.eq((String) null)));
                for (var pool : pools.entrySet()) {
                    Object[] v = pool.getValue();
                    update = update.bind(v[0], v[1], v[2], v[3], v[4], pool.getKey().get(0), pool.getKey().get(1));
                }
                update.execute();
            }
            if (!overages.isEmpty()) {
                var upsert = db.batch(db.insertInto(Overage.TABLE, Overage.CUSTOMER_ID, Overage.CURRENCY,
                                Overage.OVERAGE_VALUE, Overage.OVERAGE_MINOR)
                        .values((String) null, null, null, null)
                        .onConflict(Overage.CUSTOMER_ID).doUpdate()
                        .set(Overage.OVERAGE_VALUE, DSL.excluded(Overage.OVERAGE_VALUE))
                        .set(Overage.OVERAGE_MINOR, Overage.OVERAGE_MINOR.plus(DSL.excluded(Overage.OVERAGE_MINOR))));
                for (var overage : overages.entrySet()) {
                    Object[] v = overage.getValue();
                    upsert = upsert.bind(overage.getKey(), v[0], v[1], v[2]);
                }
                upsert.execute();
            }
            pools.clear();
            overages.clear();
        }
    }

    private void flushDraws() {
        BatchBuffer.<PendingDraws>flushNow(BUFFER, PendingDraws::flush);
    }

    @EventHandler
    void on(CreditsPurchased e) {
        flushDraws();
        insert(e.customerId(), e.poolId(), e.terms(), false, e.effectiveDate(), e.expiresOn(), e.credits(), e.priceMinor());
    }

    @EventHandler
    void on(dev.tokenledger.credits.Events.CreditsFundedByContract e) {
        flushDraws();
        insert(e.customerId(), e.poolId(), e.terms(), false, e.effectiveDate(), e.expiresOn(), e.credits(), e.priceMinor());
        db.update(Pool.TABLE).set(Pool.CONTRACT_ID, e.contractId()).set(Pool.OBLIGATION_ID, e.obligationId())
                .where(Pool.CUSTOMER_ID.eq(e.customerId())).and(Pool.POOL_ID.eq(e.poolId())).execute();
    }

    @EventHandler
    void on(PromotionalCreditsGranted e) {
        flushDraws();
        insert(e.customerId(), e.poolId(), e.terms(), true, e.effectiveDate(), e.expiresOn(), e.credits(), 0);
    }

    private void insert(String customer, String pool, CreditTerms terms, boolean promotional, LocalDate purchasedOn,
                        LocalDate expiresOn, BigDecimal credits, long price) {
        BigDecimal expected = terms.breakagePolicy().name().equals("PROPORTIONAL")
                ? credits.multiply(terms.expectedRedemptionRate()).min(credits) : credits;
        db.insertInto(Pool.TABLE)
                .set(Pool.CUSTOMER_ID, customer).set(Pool.POOL_ID, pool).set(Pool.PROGRAM_ID, terms.programId())
                .set(Pool.POLICY_VERSION, terms.policyVersion()).set(Pool.BREAKAGE_POLICY, terms.breakagePolicy().name())
                .set(Pool.CURRENCY, terms.currency().getCurrencyCode()).set(Pool.PROMOTIONAL, promotional)
                .set(Pool.PURCHASED_ON, purchasedOn).set(Pool.EXPIRES_ON, expiresOn).set(Pool.CREDITS, credits)
                .set(Pool.REDEEMED, BigDecimal.ZERO).set(Pool.EXPECTED, expected).set(Pool.REFUNDED_CREDITS, BigDecimal.ZERO)
                .set(Pool.PRICE_MINOR, price).set(Pool.USAGE_MINOR, 0L).set(Pool.BREAKAGE_MINOR, 0L)
                .set(Pool.REFUND_MINOR, 0L).set(Pool.ESCHEAT_MINOR, 0L).set(Pool.EXPIRED, false)
                .set(Pool.LAST_ACTIVITY, purchasedOn).set(Pool.DORMANCY_DAYS, terms.dormancyDays()).set(Pool.DORMANT, false)
                .execute();
    }

    @EventHandler
    void on(UsageDrawn e) {
        applyDraws(e.customerId(), e.effectiveDate(), e.pools(), e.overageCredits(), e.overageValueAfter(),
                e.overageMinor(), null);
    }

    @EventHandler
    void on(dev.tokenledger.usage.UsageRecorded e) {
        applyDraws(e.customerId(), e.effectiveDate(), e.pools(), e.overageCredits(), e.overageValueAfter(),
                e.overageMinor(), e.currency());
    }

    private void applyDraws(String customerId, LocalDate date, java.util.List<dev.tokenledger.usage.PoolDraw> pools,
                            BigDecimal overageCredits, BigDecimal overageValueAfter, long overageMinor, String currencyCode) {
        boolean overage = overageCredits.signum() > 0 || overageMinor != 0 || currencyCode != null && overageValueAfter.signum() > 0;
        // pools are inserted at once (never buffered), so a wallet's currency can be read while draws wait
        String currency = !overage || currencyCode != null ? currencyCode
                : db.select(Pool.CURRENCY).from(Pool.TABLE).where(Pool.CUSTOMER_ID.eq(customerId)).limit(1).fetchOne(Pool.CURRENCY);
        BatchBuffer.write(BUFFER, PendingDraws::new, pending -> {
            for (var draw : pools) {
                Object[] v = pending.pools.computeIfAbsent(java.util.List.of(customerId, draw.poolId()),
                        k -> new Object[]{null, null, 0L, 0L, date});
                v[0] = draw.redeemedAfter(); // the state after the latest draw ...
                v[1] = draw.expectedAfter();
                v[2] = Math.addExact((long) v[2], draw.usageRevenueMinor()); // ... and the sums of what each draw added
                v[3] = Math.addExact((long) v[3], draw.breakageMinor());
                v[4] = date.isAfter((LocalDate) v[4]) ? date : v[4];
            }
            if (overage) {
                Object[] v = pending.overages.computeIfAbsent(customerId, k -> new Object[]{currency, null, 0L});
                v[1] = overageValueAfter;
                v[2] = Math.addExact((long) v[2], overageMinor);
            }
        }, PendingDraws::flush);
    }

    /** Invoiced overage is no longer unbilled: the wallet's unbilled overage falls by the invoice. */
    @EventHandler
    void on(dev.tokenledger.credits.Events.OverageInvoiced e) {
        flushDraws();
        db.update(Overage.TABLE).set(Overage.OVERAGE_MINOR, Overage.OVERAGE_MINOR.minus(e.amountMinor()))
                .where(Overage.CUSTOMER_ID.eq(e.customerId())).execute();
    }

    @EventHandler
    void on(dev.tokenledger.credits.Events.PoolDeclaredDormant e) {
        flushDraws();
        db.update(Pool.TABLE).set(Pool.DORMANT, true)
                .set(Pool.BREAKAGE_MINOR, Pool.BREAKAGE_MINOR.plus(e.breakageMinor()))
                .where(pool(e.customerId(), e.poolId())).execute();
    }

    @EventHandler
    void on(BreakageEstimateRevised e) {
        flushDraws();
        db.update(Pool.TABLE).set(Pool.EXPECTED, e.expectedAfter())
                .set(Pool.BREAKAGE_MINOR, Pool.BREAKAGE_MINOR.plus(e.breakageMinor()))
                .where(pool(e.customerId(), e.poolId())).execute();
    }

    @EventHandler
    void on(CreditsRefunded e) {
        flushDraws();
        db.update(Pool.TABLE).set(Pool.EXPECTED, e.expectedAfter())
                .set(Pool.REFUNDED_CREDITS, Pool.REFUNDED_CREDITS.plus(e.credits()))
                .set(Pool.REFUND_MINOR, Pool.REFUND_MINOR.plus(e.amountMinor()))
                .set(Pool.BREAKAGE_MINOR, Pool.BREAKAGE_MINOR.plus(e.breakageMinor()))
                .where(pool(e.customerId(), e.poolId())).execute();
    }

    @EventHandler
    void on(CreditPoolExpired e) {
        flushDraws();
        db.update(Pool.TABLE).set(Pool.EXPIRED, true)
                .set(Pool.BREAKAGE_MINOR, Pool.BREAKAGE_MINOR.plus(e.breakageMinor()))
                .set(Pool.ESCHEAT_MINOR, Pool.ESCHEAT_MINOR.plus(e.escheatMinor()))
                .where(pool(e.customerId(), e.poolId())).execute();
    }

    @EventHandler
    void on(dev.tokenledger.credits.Events.UnclaimedPropertyReported e) {
        flushDraws();
        db.update(Pool.TABLE).set(Pool.EXPIRED, e.closedPool() ? DSL.inline(true) : Pool.EXPIRED)
                .set(Pool.BREAKAGE_MINOR, Pool.BREAKAGE_MINOR.plus(e.breakageMinor()))
                .set(Pool.ESCHEAT_MINOR, Pool.ESCHEAT_MINOR.plus(e.escheatMinor()))
                .set(Pool.UP_JURISDICTION, e.jurisdiction()).set(Pool.UP_REPORTABLE_ON, e.effectiveDate())
                .set(Pool.UP_DUE_ON, e.dueOn())
                .where(pool(e.customerId(), e.poolId())).execute();
    }

    @EventHandler
    void on(dev.tokenledger.credits.Events.UnclaimedPropertyRemitted e) {
        flushDraws();
        db.update(Pool.TABLE).set(Pool.UP_REMITTED_MINOR, Pool.UP_REMITTED_MINOR.plus(e.amountMinor()))
                .where(pool(e.customerId(), e.poolId())).execute();
    }

    @EventHandler
    void on(dev.tokenledger.credits.Events.HoldPlaced e) {
        flushDraws();
        db.insertInto(CreditTables.Hold.TABLE)
                .set(CreditTables.Hold.CUSTOMER_ID, e.customerId()).set(CreditTables.Hold.HOLD_ID, e.holdId())
                .set(CreditTables.Hold.CREDITS, e.credits())
                .set(CreditTables.Hold.EXPIRES_AT, e.expiresAt().atOffset(java.time.ZoneOffset.UTC))
                .execute();
    }

    @EventHandler
    void on(dev.tokenledger.credits.Events.HoldReleased e) {
        flushDraws();
        db.deleteFrom(CreditTables.Hold.TABLE)
                .where(CreditTables.Hold.CUSTOMER_ID.eq(e.customerId()).and(CreditTables.Hold.HOLD_ID.eq(e.holdId())))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(CreditTables.Hold.TABLE).execute();
        db.truncate(Pool.TABLE).execute();
        db.truncate(Overage.TABLE).execute();
    }

    private static Condition pool(String customer, String pool) {
        return Pool.CUSTOMER_ID.eq(customer).and(Pool.POOL_ID.eq(pool));
    }
}
