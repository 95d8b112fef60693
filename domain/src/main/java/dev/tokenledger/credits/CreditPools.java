package dev.tokenledger.credits;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.credits.Commands.DeclareDormancy;
import dev.tokenledger.credits.Commands.ExpireContractCredits;
import dev.tokenledger.credits.Commands.ExpireCreditPool;
import dev.tokenledger.credits.Commands.FundContractCredits;
import dev.tokenledger.credits.Commands.GrantPromotionalCredits;
import dev.tokenledger.credits.Commands.PurchaseCredits;
import dev.tokenledger.credits.Commands.RefundCredits;
import dev.tokenledger.credits.Commands.ReviseBreakageEstimate;
import dev.tokenledger.credits.Events.BreakageEstimateRevised;
import dev.tokenledger.credits.Events.CreditPoolExpired;
import dev.tokenledger.credits.Events.CreditsFundedByContract;
import dev.tokenledger.credits.Events.CreditsPurchased;
import dev.tokenledger.credits.Events.CreditsRefunded;
import dev.tokenledger.credits.Events.PoolDeclaredDormant;
import dev.tokenledger.credits.Events.PromotionalCreditsGranted;
import dev.tokenledger.credits.Events.UsageDrawn;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.money.Money;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import dev.tokenledger.usage.PoolDraw;
import dev.tokenledger.usage.UsageRecorded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The wallet's credit pools (ASC 606-10-55-46 to 55-49; README "Prepaid credits"): purchases and grants, breakage
 * estimates, expiry, refunds and dormancy. Draws on the pools are decided by the usage meter, which asks this member
 * for the pools usable on a date; their effect on each pool is applied here from the events.
 */
final class CreditPools {

    private final WalletProfile profile;
    private final RequestLog requests;
    private final Map<String, CreditPool> pools = new LinkedHashMap<>();
    private long nextSequence;

    CreditPools(WalletProfile profile, RequestLog requests) {
        this.profile = profile;
        this.requests = requests;
    }

    // --- purchases and grants (the root handles them: they may create the wallet) -------------------------

    Wallet.WalletResult purchase(PurchaseCredits c, ChartOfAccounts chart, PeriodCalendar calendar, CreditProgramBook programs) {
        String hash = InputFingerprint.of("purchase", c.customerId(), c.programId(), c.effectiveDate(), c.price(),
                c.currency(), c.credits(), c.bonusCredits(), c.settlement(), c.expiresOn());
        return requests.once(c.customerId(), c.purchaseId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "customerId", c.customerId());
            RequestChecks.id(v, "purchaseId", c.purchaseId());
            boolean dated = RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            checkExpiry(v, c.expiresOn(), dated ? c.effectiveDate() : null);
            CreditTerms terms = terms(v, programs, c.programId(), dated ? c.effectiveDate() : null);
            if (terms != null && !terms.currency().getCurrencyCode().equals(c.currency())) {
                v.add(RejectionCode.CURRENCY_MISMATCH, "currency", "program " + terms.programId() + " is in " + terms.currency());
            }
            long price = RequestChecks.amount(v, "price", c.price(), terms == null ? null : terms.currency());
            checkCredits(v, c.credits(), c.bonusCredits());
            checkWalletCompatible(v, terms);
            v.throwIfAny();

            BigDecimal bonus = c.bonusCredits() == null ? BigDecimal.ZERO : c.bonusCredits();
            Settlement settlement = c.settlement() == null ? Settlement.CASH : c.settlement();
            PostedEntry entry = new WalletPostings(chart, c.customerId(), terms.currency())
                    .move(settlement == Settlement.CASH ? AccountRole.CASH : AccountRole.ACCOUNTS_RECEIVABLE,
                            AccountRole.DEFERRED_REVENUE_CREDITS, price, c.purchaseId())
                    .entry(c.purchaseId(), c.effectiveDate(), "Prepaid credits purchased", terms.policyVersion(), calendar);
            apply(new CreditsPurchased(c.customerId(), c.purchaseId(), nextSequence, c.effectiveDate(), terms, price,
                    c.credits().add(bonus), bonus,
                    c.expiresOn() != null ? c.expiresOn() : terms.expiry().expiryFor(c.effectiveDate()), settlement, entry, hash));
            return new Wallet.WalletResult(c.purchaseId(), entry.entryId(), false);
        });
    }

    Wallet.WalletResult grant(GrantPromotionalCredits c, CreditProgramBook programs) {
        String hash = InputFingerprint.of("grant", c.customerId(), c.programId(), c.effectiveDate(), c.credits(), c.expiresOn());
        return requests.once(c.customerId(), c.grantId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "customerId", c.customerId());
            RequestChecks.id(v, "grantId", c.grantId());
            boolean dated = RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            checkExpiry(v, c.expiresOn(), dated ? c.effectiveDate() : null);
            CreditTerms terms = terms(v, programs, c.programId(), dated ? c.effectiveDate() : null);
            RequestChecks.credits(v, "credits", c.credits());
            checkWalletCompatible(v, terms);
            v.throwIfAny();
            apply(new PromotionalCreditsGranted(c.customerId(), c.grantId(), nextSequence, c.effectiveDate(), terms,
                    c.credits(), c.expiresOn() != null ? c.expiresOn() : terms.expiry().expiryFor(c.effectiveDate()), hash));
            return new Wallet.WalletResult(c.grantId(), null, false);
        });
    }

    Wallet.WalletResult fund(FundContractCredits c, CreditProgramBook programs) {
        String hash = InputFingerprint.of("contract-pool", c.customerId(), c.contractId(), c.obligationId(), c.programId(),
                c.effectiveDate(), c.priceMinor(), c.currency(), c.credits(), c.expiresOn());
        return requests.once(c.customerId(), c.poolId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "customerId", c.customerId());
            RequestChecks.id(v, "poolId", c.poolId());
            boolean dated = RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            checkExpiry(v, c.expiresOn(), dated ? c.effectiveDate() : null);
            CreditTerms terms = terms(v, programs, c.programId(), dated ? c.effectiveDate() : null);
            if (terms != null && !terms.currency().getCurrencyCode().equals(c.currency())) {
                v.add(RejectionCode.CURRENCY_MISMATCH, "currency", "program " + terms.programId() + " is in " + terms.currency());
            }
            RequestChecks.credits(v, "credits", c.credits());
            checkWalletCompatible(v, terms);
            v.throwIfAny();
            if (c.priceMinor() < 0) {
                throw new IllegalStateException("a contract allocates no negative consideration to pool " + c.poolId());
            }
            apply(new CreditsFundedByContract(c.customerId(), c.poolId(), c.contractId(), c.obligationId(), nextSequence,
                    c.effectiveDate(), terms, c.priceMinor(), c.credits(),
                    c.expiresOn() != null ? c.expiresOn() : terms.expiry().expiryFor(c.effectiveDate()), hash));
            return new Wallet.WalletResult(c.poolId(), null, false);
        });
    }

    private static void checkExpiry(Violations v, LocalDate expiresOn, LocalDate effectiveDate) {
        if (RequestChecks.optionalDate(v, "expiresOn", expiresOn) && expiresOn != null && effectiveDate != null
                && expiresOn.isBefore(effectiveDate)) {
            v.add(RejectionCode.PROGRAM_TERMS_INVALID, "expiresOn", "a pool cannot expire before it is bought ("
                    + effectiveDate + ")");
        }
    }

    private static void checkCredits(Violations v, BigDecimal credits, BigDecimal bonus) {
        if (RequestChecks.credits(v, "credits", credits) && RequestChecks.optionalCredits(v, "bonusCredits", bonus)
                && bonus != null && credits.add(bonus).compareTo(Limits.MAX_CREDITS) > 0) {
            v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, "bonusCredits", "credits and bonus credits together are at most "
                    + Limits.MAX_CREDITS.toPlainString());
        }
    }

    private static CreditTerms terms(Violations v, CreditProgramBook programs, String programId, LocalDate date) {
        if (programId == null || date == null) {
            v.add(RejectionCode.UNKNOWN_PROGRAM, "programId", "give the credit program");
            return null;
        }
        if (!RequestChecks.id(v, "programId", programId)) {
            return null; // an id of no possible program is never looked up
        }
        Optional<CreditTerms> terms = programs.termsInForce(programId, date);
        if (terms.isEmpty()) {
            v.add(RejectionCode.UNKNOWN_PROGRAM, "programId", "no program " + programId + " in force on " + date);
        }
        return terms.orElse(null);
    }

    private void checkWalletCompatible(Violations v, CreditTerms terms) {
        if (terms != null && profile.currency() != null && (!profile.currency().equals(terms.currency())
                || profile.valuePerCredit() != null && profile.valuePerCredit().compareTo(terms.valuePerCredit()) != 0)) {
            v.add(RejectionCode.CURRENCY_MISMATCH, "programId", "the wallet holds " + profile.currency() + " credits worth "
                    + (profile.valuePerCredit() == null ? "(pay-as-you-go)" : profile.valuePerCredit().toPlainString())
                    + "; program " + terms.programId() + " differs");
        }
    }

    // --- judgements and corrections on one pool --------------------------------------------------------------

    @CommandHandler
    Wallet.WalletResult handle(ReviseBreakageEstimate c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("revise", c.poolId(), c.effectiveDate(), c.expectedRedeemedCredits());
        return requests.once(c.customerId(), c.revisionId(), hash, () -> {
            Violations v = requestChecks("revisionId", c.revisionId(), c.effectiveDate());
            CreditPool pool = pool(c.poolId(), c.effectiveDate());
            if (!pool.isProportional()) {
                throw LedgerRejection.of(RejectionCode.NOT_PROPORTIONAL, "poolId", "pool " + pool.poolId + " uses " + pool.terms.breakagePolicy());
            }
            BigDecimal e = c.expectedRedeemedCredits();
            BigDecimal most = pool.credits.subtract(pool.refundedCredits);
            if (e == null || e.compareTo(pool.redeemed) < 0 || e.compareTo(most) > 0) {
                v.add(RejectionCode.ESTIMATE_OUT_OF_RANGE, "expectedRedeemedCredits", "must lie between "
                        + pool.redeemed.toPlainString() + " (redeemed) and " + most.toPlainString() + " (granted, less refunded)");
            } else if (e.stripTrailingZeros().scale() > Limits.CREDIT_SCALE) {
                v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, "expectedRedeemedCredits", "at most " + Limits.CREDIT_SCALE + " decimals");
            }
            v.throwIfAny();
            CreditPool.Recognition r = pool.revise(e);
            PostedEntry entry = postings(chart)
                    .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, r.breakageDelta(), pool.poolId)
                    .entry(c.revisionId(), c.effectiveDate(), "Breakage estimate revised", pool.terms.policyVersion(), calendar);
            apply(new BreakageEstimateRevised(profile.customerId(), pool.poolId, c.revisionId(), c.effectiveDate(), e,
                    r.breakageDelta(), entry, hash));
            return Wallet.posted(c.revisionId(), entry);
        });
    }

    @CommandHandler
    Wallet.WalletResult handle(ExpireCreditPool c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("expire", c.poolId(), c.effectiveDate());
        return requests.once(c.customerId(), c.requestId(), hash, () -> {
            requestChecks("requestId", c.requestId(), c.effectiveDate()).throwIfAny();
            CreditPool pool = pool(c.poolId(), c.effectiveDate());
            CreditPool.Expiry x = pool.expire();
            PostedEntry entry = postings(chart)
                    .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, x.breakageDelta(), pool.poolId)
                    .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.UNCLAIMED_PROPERTY_LIABILITY, x.escheat(), pool.poolId)
                    .entry(c.requestId(), c.effectiveDate(), "Credit pool expired", pool.terms.policyVersion(), calendar);
            apply(new CreditPoolExpired(profile.customerId(), pool.poolId, c.requestId(), c.effectiveDate(),
                    x.breakageDelta(), x.escheat(), entry, hash));
            return Wallet.posted(c.requestId(), entry);
        });
    }

    @CommandHandler
    Wallet.WalletResult handle(ExpireContractCredits c, ChartOfAccounts chart, PeriodCalendar calendar) {
        CreditPool known = c.poolId() == null ? null : pools.get(c.poolId());
        if (known != null && known.expired) {
            return new Wallet.WalletResult(c.requestId(), null, true);
        }
        return handle(new ExpireCreditPool(c.customerId(), c.poolId(), c.requestId(), c.effectiveDate()), chart, calendar);
    }

    @CommandHandler
    Wallet.WalletResult handle(RefundCredits c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("refund", c.poolId(), c.effectiveDate(), c.amount(), c.payout());
        return requests.once(c.customerId(), c.refundId(), hash, () -> {
            requestChecks("refundId", c.refundId(), c.effectiveDate()).throwIfAny();
            CreditPool pool = pool(c.poolId(), c.effectiveDate());
            if (!pool.terms.refundsAllowed() || !pool.isPaid()) {
                throw LedgerRejection.of(RejectionCode.REFUNDS_NOT_ALLOWED, "poolId", pool.isPaid()
                        ? "program " + pool.terms.programId() + " allows no refunds"
                        : "promotional credits carry no consideration to refund");
            }
            Violations v = new Violations();
            long amount = RequestChecks.amount(v, "amount", c.amount(), profile.currency());
            v.throwIfAny();
            if (amount > pool.refundable()) {
                throw LedgerRejection.of(RejectionCode.REFUND_EXCEEDS_REMAINING, "amount", "at most "
                        + Money.ofMinor(pool.refundable(), profile.currency()) + " of pool " + pool.poolId + " can be refunded");
            }
            CreditPool.Refund refund = pool.refund(amount);
            RefundPayout payout = c.payout() == null ? RefundPayout.CASH : c.payout();
            PostedEntry entry = postings(chart)
                    .move(AccountRole.DEFERRED_REVENUE_CREDITS,
                            payout == RefundPayout.CASH ? AccountRole.CASH : AccountRole.REFUND_LIABILITY, amount, pool.poolId)
                    .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, refund.breakageDelta(), pool.poolId)
                    .entry(c.refundId(), c.effectiveDate(), "Unused credits refunded", pool.terms.policyVersion(), calendar);
            apply(new CreditsRefunded(profile.customerId(), c.refundId(), pool.poolId, c.effectiveDate(), amount,
                    refund.credits(), refund.newExpected(), refund.breakageDelta(), payout, entry, hash));
            return new Wallet.WalletResult(c.refundId(), entry.entryId(), false);
        });
    }

    @CommandHandler
    Wallet.WalletResult handle(DeclareDormancy c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("dormancy", c.poolId(), c.effectiveDate());
        return requests.once(c.customerId(), c.requestId(), hash, () -> {
            requestChecks("requestId", c.requestId(), c.effectiveDate()).throwIfAny();
            CreditPool pool = pool(c.poolId(), c.effectiveDate());
            LocalDate dormantFrom = pool.dormantFrom();
            if (dormantFrom == null || c.effectiveDate().isBefore(dormantFrom) || pool.dormantBreakage > 0 || !pool.isPaid()) {
                throw LedgerRejection.of(RejectionCode.DORMANCY_NOT_APPLICABLE, "effectiveDate", dormantFrom == null
                        ? "program " + pool.terms.programId() + " v" + pool.terms.version() + " has no dormancy rule for this pool"
                        : pool.dormantBreakage > 0 ? "pool " + pool.poolId + " is already dormant"
                        : !pool.isPaid() ? "promotional credits carry no liability" : "pool " + pool.poolId + " is dormant from " + dormantFrom);
            }
            long breakage = pool.dormancyBreakage();
            PostedEntry entry = postings(chart)
                    .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, breakage, pool.poolId)
                    .entry(c.requestId(), c.effectiveDate(), "Breakage on dormancy", pool.terms.policyVersion(), calendar);
            apply(new PoolDeclaredDormant(profile.customerId(), pool.poolId, c.requestId(), c.effectiveDate(), breakage, entry, hash));
            return Wallet.posted(c.requestId(), entry);
        });
    }

    // --- what the usage meter and the holds ask ----------------------------------------------------------

    /** Pools a draw on {@code date} may use, in draw order: earliest expiry, then earliest purchase. */
    List<CreditPool> usableOn(LocalDate date) {
        return pools.values().stream()
                .filter(p -> p.usableOn(date))
                .sorted(Comparator.comparing((CreditPool p) -> p.expiresOn, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingLong(p -> p.sequence))
                .toList();
    }

    /**
     * The pool a draw names (README "Prepaid credits": draws naming their pool): it must be this customer's
     * (UNKNOWN_POOL: a pool of another customer is not in this wallet), usable on the date (POOL_EXPIRED) and have
     * credits left (POOL_EMPTY).
     */
    CreditPool namedForDraw(String poolId, LocalDate date) {
        Violations v = new Violations();
        if (!RequestChecks.id(v, "poolId", poolId)) {
            v.throwIfAny();
        }
        CreditPool pool = pools.get(poolId);
        if (pool == null) {
            throw LedgerRejection.of(RejectionCode.UNKNOWN_POOL, "poolId", "customer " + profile.customerId()
                    + " has no pool " + poolId);
        }
        if (pool.expired || pool.purchasedOn.isAfter(date) || (pool.expiresOn != null && date.isAfter(pool.expiresOn))) {
            throw LedgerRejection.of(RejectionCode.POOL_EXPIRED, "poolId", "pool " + poolId + " cannot be drawn on " + date
                    + (pool.expired ? ": it has expired" : ": it runs from " + pool.purchasedOn
                    + (pool.expiresOn == null ? "" : " to " + pool.expiresOn)));
        }
        if (pool.available().signum() == 0) {
            throw LedgerRejection.of(RejectionCode.POOL_EMPTY, "poolId", "pool " + poolId + " has no credits left");
        }
        return pool;
    }

    /** Credits usable on {@code date}, all pools together. */
    BigDecimal availableOn(LocalDate date) {
        return usableOn(date).stream().map(CreditPool::available).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Usage dated before the wallet's first pool is refused: history is imported in date order (ARCHITECTURE.md). */
    void checkNotBeforeFirstPool(Violations v, LocalDate date) {
        LocalDate first = pools.values().stream().map(p -> p.purchasedOn).min(Comparator.naturalOrder()).orElse(null);
        if (date != null && first != null && date.isBefore(first)) {
            v.add(RejectionCode.DATED_BEFORE_POOL, "effectiveDate", "the customer's first credit pool exists from " + first);
        }
    }

    /** The policy version of the newest pool, recorded on postings that are not about one pool. */
    String lastPolicyVersion() {
        return pools.values().stream().reduce((a, b) -> b).map(p -> p.terms.policyVersion()).orElse("credits/none");
    }

    /** A pool the request may act on, on {@code date}; refused when unknown, not yet bought or expired. */
    /** The pool, expired or not, checked to exist and to be dated no earlier than it (for the other members). */
    CreditPool existing(String poolId, LocalDate date) {
        CreditPool pool = poolId == null ? null : pools.get(poolId);
        if (pool == null) {
            throw LedgerRejection.of(RejectionCode.UNKNOWN_POOL, "poolId", "customer " + profile.customerId() + " has no pool " + poolId);
        }
        if (date != null && date.isBefore(pool.purchasedOn)) {
            throw LedgerRejection.of(RejectionCode.DATED_BEFORE_POOL, "effectiveDate", "pool " + poolId + " exists from " + pool.purchasedOn);
        }
        return pool;
    }

    private CreditPool pool(String poolId, LocalDate date) {
        CreditPool pool = existing(poolId, date);
        if (pool.expired) {
            throw LedgerRejection.of(RejectionCode.POOL_EXPIRED, "poolId", "pool " + poolId + " has expired");
        }
        return pool;
    }

    private WalletPostings postings(ChartOfAccounts chart) {
        return new WalletPostings(chart, profile.customerId(), profile.currency());
    }

    private static Violations requestChecks(String idField, String requestId, LocalDate date) {
        Violations v = new Violations();
        RequestChecks.id(v, idField, requestId);
        RequestChecks.date(v, "effectiveDate", date);
        return v;
    }

    // --- event sourcing ----------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(CreditsPurchased e) {
        pools.put(e.poolId(), new CreditPool(e.poolId(), e.sequence(), e.effectiveDate(), e.expiresOn(), e.terms(),
                e.priceMinor(), e.credits()));
        nextSequence++;
        requests.record(e.poolId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(CreditsFundedByContract e) {
        pools.put(e.poolId(), new CreditPool(e.poolId(), e.sequence(), e.effectiveDate(), e.expiresOn(), e.terms(),
                e.priceMinor(), e.credits()));
        nextSequence++;
        requests.record(e.poolId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(PromotionalCreditsGranted e) {
        pools.put(e.poolId(), new CreditPool(e.poolId(), e.sequence(), e.effectiveDate(), e.expiresOn(), e.terms(), 0,
                e.credits()));
        nextSequence++;
        requests.record(e.poolId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(UsageDrawn e) {
        applyDraws(e.pools(), e.effectiveDate());
    }

    @EventSourcingHandler
    void on(UsageRecorded e) {
        applyDraws(e.pools(), e.effectiveDate());
    }

    private void applyDraws(List<PoolDraw> draws, LocalDate date) {
        for (PoolDraw d : draws) {
            CreditPool pool = pools.get(d.poolId());
            pool.apply(new CreditPool.Recognition(d.redeemedAfter(), d.expectedAfter(), d.usageRevenueMinor(), d.breakageMinor()));
            if (date.isAfter(pool.lastActivity)) {
                pool.lastActivity = date;
            }
        }
    }

    @EventSourcingHandler
    void on(PoolDeclaredDormant e) {
        pools.get(e.poolId()).applyDormancy(e.breakageMinor());
        requests.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(BreakageEstimateRevised e) {
        CreditPool pool = pools.get(e.poolId());
        pool.apply(new CreditPool.Recognition(pool.redeemed, e.expectedAfter(), 0, e.breakageMinor()));
        requests.record(e.revisionId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(CreditPoolExpired e) {
        pools.get(e.poolId()).apply(new CreditPool.Expiry(e.breakageMinor(), e.escheatMinor()));
        requests.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(CreditsRefunded e) {
        pools.get(e.poolId()).apply(new CreditPool.Refund(e.amountMinor(), e.credits(), e.expectedAfter(), e.breakageMinor()));
        requests.record(e.refundId(), e.inputHash());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CreditPools other && nextSequence == other.nextSequence && pools.equals(other.pools);
    }

    @Override
    public int hashCode() {
        return pools.hashCode();
    }
}
