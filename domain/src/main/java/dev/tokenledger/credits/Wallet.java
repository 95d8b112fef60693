package dev.tokenledger.credits;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.credits.Commands.DrawUsage;
import dev.tokenledger.credits.Commands.ExpireCreditPool;
import dev.tokenledger.credits.Commands.GrantPromotionalCredits;
import dev.tokenledger.credits.Commands.PurchaseCredits;
import dev.tokenledger.credits.Commands.RefundCredits;
import dev.tokenledger.credits.Commands.ReviseBreakageEstimate;
import dev.tokenledger.credits.Events.BreakageEstimateRevised;
import dev.tokenledger.credits.Events.CreditPoolExpired;
import dev.tokenledger.credits.Events.CreditsPurchased;
import dev.tokenledger.credits.Events.CreditsRefunded;
import dev.tokenledger.credits.Events.PoolDraw;
import dev.tokenledger.credits.Events.PromotionalCreditsGranted;
import dev.tokenledger.credits.Events.UsageDrawn;
import dev.tokenledger.idempotency.ProcessedRequests;
import dev.tokenledger.journal.EntryRules;
import dev.tokenledger.journal.InputFingerprint;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.money.Money;
import dev.tokenledger.money.MoneyPrecisionException;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import dev.tokenledger.usage.PricingCatalogBook;
import dev.tokenledger.usage.RecordUsage;
import dev.tokenledger.usage.UsageOutcome;
import dev.tokenledger.usage.UsageRecord;
import dev.tokenledger.usage.UsageRecorded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer's prepaid credits: pools, draws, overage, breakage, expiry, refunds (brief §3-§4). Each command is
 * validated before anything is applied; each event carries the journal lines it posts.
 */
@AggregateRoot
public class Wallet {

    @AggregateIdentifier
    private String walletId;
    private String customerId;
    private Currency currency;
    private BigDecimal valuePerCredit;
    private final Map<String, CreditPool> pools = new LinkedHashMap<>();
    private long nextSequence;
    private BigDecimal overageValue = BigDecimal.ZERO;
    private long overagePosted;
    private final ProcessedRequests processed = new ProcessedRequests();
    /** Open holds by id; expired ones stop counting but stay until released or captured. */
    private final Map<String, Events.HoldPlaced> holds = new HashMap<>();
    /** Receivables still open, by invoice id (overage invoices, and invoiced purchases under their purchase id). */
    private final Map<String, Long> openInvoices = new HashMap<>();
    private long overageInvoiced;

    protected Wallet() {
    }

    /** What every wallet command returns; {@code entryId} is null when nothing was posted. */
    public record WalletResult(String requestId, String entryId, boolean alreadyApplied) {
    }

    // --- purchases and grants ------------------------------------------------------------------------------

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletResult handle(PurchaseCredits c, ChartOfAccounts chart, PeriodCalendar calendar, CreditProgramBook programs) {
        String hash = InputFingerprint.of("purchase", c.customerId(), c.programId(), c.effectiveDate(), c.price(),
                c.currency(), c.credits(), c.bonusCredits(), c.settlement(), c.expiresOn());
        Optional<WalletResult> replay = replay(c.purchaseId(), hash, c.customerId());
        if (replay.isPresent()) {
            return replay.get();
        }
        Violations v = new Violations();
        EntryRules.checkId(v, "customerId", c.customerId());
        EntryRules.checkId(v, "purchaseId", c.purchaseId());
        requireDate(v, c.effectiveDate());
        CreditTerms terms = terms(v, programs, c.programId(), c.effectiveDate());
        long price = 0;
        if (c.price() == null || c.price().signum() <= 0) {
            v.add(RejectionCode.NON_POSITIVE_AMOUNT, "price", "must be greater than zero");
        } else if (terms != null) {
            if (!terms.currency().getCurrencyCode().equals(c.currency())) {
                v.add(RejectionCode.CURRENCY_MISMATCH, "currency", "program " + terms.programId() + " is in " + terms.currency());
            } else {
                price = minor(v, "price", c.price(), terms.currency());
            }
        }
        positive(v, "credits", c.credits());
        if (c.bonusCredits() != null && c.bonusCredits().signum() < 0) {
            v.add(RejectionCode.CREDITS_REQUIRED, "bonusCredits", "must not be negative");
        }
        checkWalletCompatible(v, terms);
        v.throwIfAny();

        BigDecimal credits = c.credits().add(c.bonusCredits() == null ? BigDecimal.ZERO : c.bonusCredits());
        Settlement settlement = c.settlement() == null ? Settlement.CASH : c.settlement();
        PostedEntry entry = new WalletPostings(chart, c.customerId(), terms.currency())
                .move(settlement == Settlement.CASH ? AccountRole.CASH : AccountRole.ACCOUNTS_RECEIVABLE,
                        AccountRole.DEFERRED_REVENUE_CREDITS, price, c.purchaseId())
                .entry(c.purchaseId(), c.effectiveDate(), "Prepaid credits purchased", terms.policyVersion(), calendar);
        apply(new CreditsPurchased(c.customerId(), c.purchaseId(), nextSequence, c.effectiveDate(), terms, price,
                credits, c.bonusCredits() == null ? BigDecimal.ZERO : c.bonusCredits(),
                c.expiresOn() != null ? c.expiresOn() : terms.expiry().expiryFor(c.effectiveDate()), settlement, entry, hash));
        return new WalletResult(c.purchaseId(), entry.entryId(), false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public WalletResult handle(GrantPromotionalCredits c, CreditProgramBook programs) {
        String hash = InputFingerprint.of("grant", c.customerId(), c.programId(), c.effectiveDate(), c.credits(), c.expiresOn());
        Optional<WalletResult> replay = replay(c.grantId(), hash, c.customerId());
        if (replay.isPresent()) {
            return replay.get();
        }
        Violations v = new Violations();
        EntryRules.checkId(v, "customerId", c.customerId());
        EntryRules.checkId(v, "grantId", c.grantId());
        requireDate(v, c.effectiveDate());
        CreditTerms terms = terms(v, programs, c.programId(), c.effectiveDate());
        positive(v, "credits", c.credits());
        checkWalletCompatible(v, terms);
        v.throwIfAny();
        apply(new PromotionalCreditsGranted(c.customerId(), c.grantId(), nextSequence, c.effectiveDate(), terms,
                c.credits(), c.expiresOn() != null ? c.expiresOn() : terms.expiry().expiryFor(c.effectiveDate()), hash));
        return new WalletResult(c.grantId(), null, false);
    }

    // --- usage ---------------------------------------------------------------------------------------------

    @CommandHandler
    public WalletResult handle(DrawUsage c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("draw", c.effectiveDate(), c.occurredAt(), c.credits(), c.value(), c.usageReference());
        Optional<WalletResult> replay = replay(c.drawId(), hash, c.customerId());
        if (replay.isPresent()) {
            return replay.get();
        }
        BigDecimal wanted = validDraw(c.drawId(), c.effectiveDate(), c.credits(), c.value());
        return draw(c.drawId(), c.effectiveDate(), c.occurredAt(), wanted, c.usageReference(), hash, chart, calendar);
    }

    /** Usage dated before the wallet's first pool is refused: history is imported in date order (brief §4). */
    private void checkNotBeforeFirstPool(Violations v, java.time.LocalDate date) {
        java.time.LocalDate first = pools.values().stream().map(p -> p.purchasedOn).min(Comparator.naturalOrder()).orElse(null);
        if (date != null && first != null && date.isBefore(first)) {
            v.add(RejectionCode.DATED_BEFORE_POOL, "effectiveDate", "the customer's first credit pool exists from " + first);
        }
    }

    private BigDecimal validDraw(String drawId, java.time.LocalDate date, BigDecimal credits, BigDecimal value) {
        Violations v = new Violations();
        EntryRules.checkId(v, "drawId", drawId);
        requireDate(v, date);
        checkNotBeforeFirstPool(v, date);
        boolean byCredits = credits != null;
        if (byCredits == (value != null)) {
            v.add(RejectionCode.CREDITS_REQUIRED, "credits", "give either credits or value");
        } else {
            positive(v, byCredits ? "credits" : "value", byCredits ? credits : value);
        }
        v.throwIfAny();
        return byCredits ? credits : creditsWorth(value);
    }

    private WalletResult draw(String drawId, java.time.LocalDate date, java.time.Instant occurredAt, BigDecimal wanted,
                              String usageReference, String hash, ChartOfAccounts chart, PeriodCalendar calendar) {
        String policy = null;
        WalletPostings postings = new WalletPostings(chart, customerId, currency);
        List<PoolDraw> draws = new ArrayList<>();
        BigDecimal remaining = wanted;
        for (CreditPool pool : usablePools(date)) {
            if (remaining.signum() == 0) {
                break;
            }
            BigDecimal take = remaining.min(pool.available());
            CreditPool.Recognition r = pool.draw(take);
            postings.move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.USAGE_REVENUE, r.usageDelta(), pool.poolId)
                    .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, r.breakageDelta(), pool.poolId);
            draws.add(new PoolDraw(pool.poolId, take, r.newRedeemed(), r.newExpected(), r.usageDelta(), r.breakageDelta()));
            remaining = remaining.subtract(take);
            policy = pool.terms.policyVersion();
        }
        BigDecimal overageAfter = overageValue.add(remaining.multiply(valuePerCredit));
        long overageMinor = CreditPool.roundHalfUp(overageAfter.movePointRight(Money.fractionDigits(currency))) - overagePosted;
        postings.move(AccountRole.UNBILLED_RECEIVABLE, AccountRole.USAGE_REVENUE, overageMinor, null);
        PostedEntry entry = postings.entry(drawId, date, "Usage drawn" + (usageReference == null ? "" : " (" + usageReference + ")"),
                policy != null ? policy : lastPolicyVersion(), calendar);
        apply(new UsageDrawn(customerId, drawId, date, occurredAt, usageReference, wanted,
                draws, remaining, overageAfter, overageMinor, entry, hash));
        return posted(drawId, entry);
    }

    /** Pools a draw on {@code date} may use, in draw order: earliest expiry, then earliest purchase. */
    private List<CreditPool> usablePools(java.time.LocalDate date) {
        return pools.values().stream()
                .filter(p -> p.usableOn(date))
                .sorted(Comparator.comparing((CreditPool p) -> p.expiresOn, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparingLong(p -> p.sequence))
                .toList();
    }

    // --- priced usage records (usage ledger) ----------------------------------------------------------------

    /** Month-to-date quantities by "model|unit|YYYY-MM", for tiered prices. */
    private final Map<String, Long> volumes = new HashMap<>();
    /** Cumulative exact cost and posted cost (minor units) by "model|feature|role", for cost catch-up. */
    private final Map<String, BigDecimal> costExact = new HashMap<>();
    private final Map<String, Long> costPosted = new HashMap<>();

    /** Usage in the order it happened, ties broken by record id. */
    private static final Comparator<UsageRecord> IN_TIME_ORDER = (a, b) -> {
        int byTime = a.occurredAt().compareTo(b.occurredAt());
        return byTime != 0 ? byTime : a.recordId().compareTo(b.recordId());
    };

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public UsageOutcome handle(RecordUsage c, ChartOfAccounts chart, PeriodCalendar calendar, PricingCatalogBook book) {
        Violations v = new Violations();
        EntryRules.checkId(v, "customerId", c.customerId());
        EntryRules.checkId(v, "batchId", c.batchId());
        v.throwIfAny();
        UsagePosting posting = new UsagePosting(this, c.customerId(), book.current(), chart, calendar);
        // a fixed order, so graduated tiers price the same records the same way however the batch was sent
        List<UsageRecord> ordered = c.records().stream()
                .sorted(IN_TIME_ORDER).toList();
        Map<java.time.YearMonth, List<UsageRecord>> byMonth = new java.util.TreeMap<>();
        ordered.forEach(r -> byMonth.computeIfAbsent(java.time.YearMonth.from(r.usageDate()), k -> new ArrayList<>()).add(r));
        byMonth.forEach((month, records) -> {
            String postingId = "usage-" + c.batchId() + "-" + month;
            String inputHash = UsagePosting.inputHashOf(month, records);
            if (!processed.isRetry(postingId, inputHash, "batchId")) {
                posting.post(postingId, c.batchId(), month, records, inputHash);
            }
        });
        return posting.outcome();
    }

    // state the usage posting reads; kept here so the wallet stays the only owner of its state
    Currency currency() {
        return currency;
    }

    BigDecimal valuePerCredit() {
        return valuePerCredit;
    }

    BigDecimal overageValue() {
        return overageValue;
    }

    long overagePosted() {
        return overagePosted;
    }

    long volume(String key) {
        return volumes.getOrDefault(key, 0L);
    }

    BigDecimal costExact(String key) {
        return costExact.getOrDefault(key, BigDecimal.ZERO);
    }

    long costPosted(String key) {
        return costPosted.getOrDefault(key, 0L);
    }

    List<CreditPool> poolsUsableOn(java.time.LocalDate date) {
        return usablePools(date);
    }

    void record(UsageRecorded e) {
        apply(e);
    }

    @EventSourcingHandler
    void on(UsageRecorded e) {
        if (walletId == null) {
            walletId = WalletIds.aggregateId(e.customerId());
            customerId = e.customerId();
            currency = Currency.getInstance(e.currency());
        }
        for (PoolDraw d : e.pools()) {
            CreditPool pool = pools.get(d.poolId());
            pool.apply(new CreditPool.Recognition(d.redeemedAfter(), d.expectedAfter(), d.usageRevenueMinor(), d.breakageMinor()));
            if (e.effectiveDate().isAfter(pool.lastActivity)) {
                pool.lastActivity = e.effectiveDate();
            }
        }
        overageValue = e.overageValueAfter();
        overagePosted += e.overageMinor();
        volumes.putAll(e.volumesAfter());
        costExact.putAll(e.costExactAfter());
        costPosted.putAll(e.costPostedAfter());
        processed.record(e.postingId(), e.inputHash());
    }

    // --- holds ---------------------------------------------------------------------------------------------

    /** Default life of a hold when the request names none. */
    static final long DEFAULT_HOLD_SECONDS = 300;

    @CommandHandler
    public WalletResult handle(Commands.PlaceHold c) {
        String hash = InputFingerprint.of("hold", c.credits(), c.value(), c.ttlSeconds());
        Optional<WalletResult> replay = replay(c.holdId(), hash, c.customerId());
        if (replay.isPresent()) {
            return new WalletResult(c.holdId(), null, true);
        }
        Violations v = new Violations();
        EntryRules.checkId(v, "holdId", c.holdId());
        if (c.placedAt() == null) {
            v.add(RejectionCode.EFFECTIVE_DATE_REQUIRED, "placedAt", "the time the hold is placed");
        }
        boolean byCredits = c.credits() != null;
        if (byCredits == (c.value() != null)) {
            v.add(RejectionCode.CREDITS_REQUIRED, "credits", "give either credits or value");
        } else {
            positive(v, byCredits ? "credits" : "value", byCredits ? c.credits() : c.value());
        }
        if (c.ttlSeconds() != null && (c.ttlSeconds() <= 0 || c.ttlSeconds() > 86_400)) {
            v.add(RejectionCode.CREDITS_REQUIRED, "ttlSeconds", "between 1 and 86400 seconds");
        }
        v.throwIfAny();
        BigDecimal credits = byCredits ? c.credits() : creditsWorth(c.value());
        BigDecimal available = availableAfterHolds(c.placedAt(), c.today() != null ? c.today()
                : c.placedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate());
        if (credits.compareTo(available) > 0) {
            throw LedgerRejection.of(RejectionCode.INSUFFICIENT_BALANCE, byCredits ? "credits" : "value",
                    "available " + available.stripTrailingZeros().toPlainString() + " credits after open holds, asked "
                            + credits.stripTrailingZeros().toPlainString());
        }
        apply(new Events.HoldPlaced(customerId, c.holdId(), credits,
                c.placedAt().plusSeconds(c.ttlSeconds() == null ? DEFAULT_HOLD_SECONDS : c.ttlSeconds()), hash));
        return new WalletResult(c.holdId(), null, false);
    }

    @CommandHandler
    public WalletResult handle(Commands.ReleaseHold c) {
        if (!holds.containsKey(c.holdId())) {
            throw LedgerRejection.of(RejectionCode.UNKNOWN_HOLD, "holdId", "no open hold " + c.holdId());
        }
        apply(new Events.HoldReleased(customerId, c.holdId(), false));
        return new WalletResult(c.holdId(), null, false);
    }

    @CommandHandler
    public WalletResult handle(Commands.CaptureHold c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("draw", c.effectiveDate(), c.occurredAt(), c.credits(), c.value(), c.usageReference());
        Optional<WalletResult> replay = replay(c.drawId(), hash, c.customerId());
        if (replay.isPresent()) {
            return replay.get();
        }
        if (!holds.containsKey(c.holdId())) {
            throw LedgerRejection.of(RejectionCode.UNKNOWN_HOLD, "holdId", "no open hold " + c.holdId());
        }
        BigDecimal wanted = validDraw(c.drawId(), c.effectiveDate(), c.credits(), c.value());
        apply(new Events.HoldReleased(customerId, c.holdId(), true));
        return draw(c.drawId(), c.effectiveDate(), c.occurredAt(), wanted, c.usageReference(), hash, chart, calendar);
    }

    /** Credits usable now, less open holds; a hold past its expiry no longer counts (it expires by itself). */
    BigDecimal availableAfterHolds(java.time.Instant now, java.time.LocalDate today) {
        BigDecimal inPools = usablePools(today).stream().map(CreditPool::available).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal held = holds.values().stream().filter(h -> h.expiresAt().isAfter(now))
                .map(Events.HoldPlaced::credits).reduce(BigDecimal.ZERO, BigDecimal::add);
        return inPools.subtract(held).max(BigDecimal.ZERO);
    }

    // --- breakage, expiry, refunds -------------------------------------------------------------------------

    @CommandHandler
    public WalletResult handle(ReviseBreakageEstimate c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("revise", c.poolId(), c.effectiveDate(), c.expectedRedeemedCredits());
        Optional<WalletResult> replay = replay(c.revisionId(), hash, c.customerId());
        if (replay.isPresent()) {
            return replay.get();
        }
        Violations v = requestChecks("revisionId", c.revisionId(), c.effectiveDate());
        CreditPool pool = pool(c.poolId(), c.effectiveDate());
        if (!pool.isProportional()) {
            throw LedgerRejection.of(RejectionCode.NOT_PROPORTIONAL, "poolId", "pool " + pool.poolId + " uses " + pool.terms.breakagePolicy());
        }
        BigDecimal e = c.expectedRedeemedCredits();
        if (e == null || e.compareTo(pool.redeemed) < 0 || e.compareTo(pool.credits.subtract(pool.refundedCredits)) > 0) {
            v.add(RejectionCode.ESTIMATE_OUT_OF_RANGE, "expectedRedeemedCredits", "must lie between " + pool.redeemed
                    + " (redeemed) and " + pool.credits.subtract(pool.refundedCredits) + " (granted, less refunded)");
        }
        v.throwIfAny();
        CreditPool.Recognition r = pool.revise(e);
        PostedEntry entry = new WalletPostings(chart, customerId, currency)
                .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, r.breakageDelta(), pool.poolId)
                .entry(c.revisionId(), c.effectiveDate(), "Breakage estimate revised", pool.terms.policyVersion(), calendar);
        apply(new BreakageEstimateRevised(customerId, pool.poolId, c.revisionId(), c.effectiveDate(), e, r.breakageDelta(), entry, hash));
        return posted(c.revisionId(), entry);
    }

    @CommandHandler
    public WalletResult handle(ExpireCreditPool c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("expire", c.poolId(), c.effectiveDate());
        Optional<WalletResult> replay = replay(c.requestId(), hash, c.customerId());
        if (replay.isPresent()) {
            return replay.get();
        }
        Violations v = requestChecks("requestId", c.requestId(), c.effectiveDate());
        v.throwIfAny();
        CreditPool pool = pool(c.poolId(), c.effectiveDate());
        CreditPool.Expiry x = pool.expire();
        PostedEntry entry = new WalletPostings(chart, customerId, currency)
                .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, x.breakageDelta(), pool.poolId)
                .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.UNCLAIMED_PROPERTY_LIABILITY, x.escheat(), pool.poolId)
                .entry(c.requestId(), c.effectiveDate(), "Credit pool expired", pool.terms.policyVersion(), calendar);
        apply(new CreditPoolExpired(customerId, pool.poolId, c.requestId(), c.effectiveDate(), x.breakageDelta(), x.escheat(), entry, hash));
        return posted(c.requestId(), entry);
    }

    @CommandHandler
    public WalletResult handle(RefundCredits c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("refund", c.poolId(), c.effectiveDate(), c.amount(), c.payout());
        Optional<WalletResult> replay = replay(c.refundId(), hash, c.customerId());
        if (replay.isPresent()) {
            return replay.get();
        }
        Violations v = requestChecks("refundId", c.refundId(), c.effectiveDate());
        v.throwIfAny();
        CreditPool pool = pool(c.poolId(), c.effectiveDate());
        if (!pool.terms.refundsAllowed() || !pool.isPaid()) {
            throw LedgerRejection.of(RejectionCode.REFUNDS_NOT_ALLOWED, "poolId",
                    pool.isPaid() ? "program " + pool.terms.programId() + " allows no refunds" : "promotional credits carry no consideration to refund");
        }
        long amount = 0;
        if (c.amount() == null || c.amount().signum() <= 0) {
            v.add(RejectionCode.NON_POSITIVE_AMOUNT, "amount", "must be greater than zero");
        } else {
            amount = minor(v, "amount", c.amount(), currency);
        }
        v.throwIfAny();
        if (amount > pool.refundable()) {
            throw LedgerRejection.of(RejectionCode.REFUND_EXCEEDS_REMAINING, "amount", "at most "
                    + Money.ofMinor(pool.refundable(), currency) + " of pool " + pool.poolId + " can be refunded");
        }
        CreditPool.Refund refund = pool.refund(amount);
        RefundPayout payout = c.payout() == null ? RefundPayout.CASH : c.payout();
        PostedEntry entry = new WalletPostings(chart, customerId, currency)
                .move(AccountRole.DEFERRED_REVENUE_CREDITS,
                        payout == RefundPayout.CASH ? AccountRole.CASH : AccountRole.REFUND_LIABILITY, amount, pool.poolId)
                .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, refund.breakageDelta(), pool.poolId)
                .entry(c.refundId(), c.effectiveDate(), "Unused credits refunded", pool.terms.policyVersion(), calendar);
        apply(new CreditsRefunded(customerId, c.refundId(), pool.poolId, c.effectiveDate(), amount, refund.credits(),
                refund.newExpected(), refund.breakageDelta(), payout, entry, hash));
        return new WalletResult(c.refundId(), entry.entryId(), false);
    }

    @CommandHandler
    public WalletResult handle(Commands.DeclareDormancy c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("dormancy", c.poolId(), c.effectiveDate());
        Optional<WalletResult> replay = replay(c.requestId(), hash, c.customerId());
        if (replay.isPresent()) {
            return replay.get();
        }
        Violations v = requestChecks("requestId", c.requestId(), c.effectiveDate());
        v.throwIfAny();
        CreditPool pool = pool(c.poolId(), c.effectiveDate());
        java.time.LocalDate dormantFrom = pool.dormantFrom();
        if (dormantFrom == null || c.effectiveDate().isBefore(dormantFrom) || pool.dormantBreakage > 0 || !pool.isPaid()) {
            throw LedgerRejection.of(RejectionCode.DORMANCY_NOT_APPLICABLE, "effectiveDate", dormantFrom == null
                    ? "program " + pool.terms.programId() + " v" + pool.terms.version() + " has no dormancy rule for this pool"
                    : pool.dormantBreakage > 0 ? "pool " + pool.poolId + " is already dormant"
                    : !pool.isPaid() ? "promotional credits carry no liability" : "pool " + pool.poolId + " is dormant from " + dormantFrom);
        }
        long breakage = pool.dormancyBreakage();
        PostedEntry entry = new WalletPostings(chart, customerId, currency)
                .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, breakage, pool.poolId)
                .entry(c.requestId(), c.effectiveDate(), "Breakage on dormancy", pool.terms.policyVersion(), calendar);
        apply(new Events.PoolDeclaredDormant(customerId, pool.poolId, c.requestId(), c.effectiveDate(), breakage, entry, hash));
        return posted(c.requestId(), entry);
    }

    // --- invoices and payments -----------------------------------------------------------------------------

    @CommandHandler
    public WalletResult handle(Commands.InvoiceOverage c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("invoice", c.effectiveDate(), c.amount());
        Optional<WalletResult> replay = replay(c.invoiceId(), hash, c.customerId());
        if (replay.isPresent()) {
            return replay.get();
        }
        Violations v = requestChecks("invoiceId", c.invoiceId(), c.effectiveDate());
        long unbilled = overagePosted - overageInvoiced;
        long amount = unbilled;
        if (c.amount() != null) {
            amount = c.amount().signum() <= 0 ? 0 : minor(v, "amount", c.amount(), currency);
            if (c.amount().signum() <= 0) {
                v.add(RejectionCode.NON_POSITIVE_AMOUNT, "amount", "must be greater than zero");
            }
        } else if (unbilled <= 0) {
            v.add(RejectionCode.NON_POSITIVE_AMOUNT, "amount", "there is no unbilled overage to invoice");
        }
        v.throwIfAny();
        if (amount > unbilled) {
            throw LedgerRejection.of(RejectionCode.INVOICE_EXCEEDS_UNBILLED, "amount", "unbilled overage is "
                    + Money.ofMinor(unbilled, currency));
        }
        PostedEntry entry = new WalletPostings(chart, customerId, currency)
                .move(AccountRole.ACCOUNTS_RECEIVABLE, AccountRole.UNBILLED_RECEIVABLE, amount, null)
                .entry(c.invoiceId(), c.effectiveDate(), "Overage invoiced", lastPolicyVersion(), calendar);
        apply(new Events.OverageInvoiced(customerId, c.invoiceId(), c.effectiveDate(), amount, entry, hash));
        return new WalletResult(c.invoiceId(), entry.entryId(), false);
    }

    @CommandHandler
    public WalletResult handle(Commands.RecordPayment c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("payment", c.invoiceId(), c.effectiveDate(), c.amount());
        Optional<WalletResult> replay = replay(c.paymentId(), hash, c.customerId());
        if (replay.isPresent()) {
            return replay.get();
        }
        Violations v = requestChecks("paymentId", c.paymentId(), c.effectiveDate());
        Long open = c.invoiceId() == null ? null : openInvoices.get(c.invoiceId());
        if (open == null) {
            throw LedgerRejection.of(RejectionCode.UNKNOWN_INVOICE, "invoiceId", "no open invoice " + c.invoiceId());
        }
        long amount = open;
        if (c.amount() != null) {
            if (c.amount().signum() <= 0) {
                v.add(RejectionCode.NON_POSITIVE_AMOUNT, "amount", "must be greater than zero");
            } else {
                amount = minor(v, "amount", c.amount(), currency);
            }
        }
        v.throwIfAny();
        if (amount > open) {
            throw LedgerRejection.of(RejectionCode.PAYMENT_EXCEEDS_INVOICE, "amount", "invoice " + c.invoiceId()
                    + " has " + Money.ofMinor(open, currency) + " open");
        }
        PostedEntry entry = new WalletPostings(chart, customerId, currency)
                .move(AccountRole.CASH, AccountRole.ACCOUNTS_RECEIVABLE, amount, null)
                .entry(c.paymentId(), c.effectiveDate(), "Invoice " + c.invoiceId() + " paid", lastPolicyVersion(), calendar);
        apply(new Events.InvoicePaid(customerId, c.paymentId(), c.invoiceId(), c.effectiveDate(), amount, entry, hash));
        return new WalletResult(c.paymentId(), entry.entryId(), false);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** Credits worth {@code value}; a pay-as-you-go wallet (no program yet) has no pools, so any figure will do. */
    private BigDecimal creditsWorth(BigDecimal value) {
        return valuePerCredit == null ? value : value.divide(valuePerCredit, CreditPool.PRECISION);
    }

    private Optional<WalletResult> replay(String requestId, String hash, String customer) {
        return processed.isRetry(requestId, hash, "requestId")
                ? Optional.of(new WalletResult(requestId, WalletIds.entryId(customer, requestId), true))
                : Optional.empty();
    }

    private CreditPool pool(String poolId, java.time.LocalDate date) {
        CreditPool pool = poolId == null ? null : pools.get(poolId);
        if (pool == null) {
            throw LedgerRejection.of(RejectionCode.UNKNOWN_POOL, "poolId", "customer " + customerId + " has no pool " + poolId);
        }
        if (date != null && date.isBefore(pool.purchasedOn)) {
            throw LedgerRejection.of(RejectionCode.DATED_BEFORE_POOL, "effectiveDate", "pool " + poolId + " exists from " + pool.purchasedOn);
        }
        if (pool.expired) {
            throw LedgerRejection.of(RejectionCode.POOL_EXPIRED, "poolId", "pool " + poolId + " has expired");
        }
        return pool;
    }

    private static CreditTerms terms(Violations v, CreditProgramBook programs, String programId, java.time.LocalDate date) {
        if (programId == null || date == null) {
            v.add(RejectionCode.UNKNOWN_PROGRAM, "programId", "give the credit program");
            return null;
        }
        Optional<CreditTerms> terms = programs.termsInForce(programId, date);
        if (terms.isEmpty()) {
            v.add(RejectionCode.UNKNOWN_PROGRAM, "programId", "no program " + programId + " in force on " + date);
        }
        return terms.orElse(null);
    }

    private void checkWalletCompatible(Violations v, CreditTerms terms) {
        if (terms != null && currency != null && (!currency.equals(terms.currency())
                || valuePerCredit != null && valuePerCredit.compareTo(terms.valuePerCredit()) != 0)) {
            v.add(RejectionCode.CURRENCY_MISMATCH, "programId", "the wallet holds " + currency + " credits worth "
                    + (valuePerCredit == null ? "(pay-as-you-go)" : valuePerCredit.toPlainString()) + "; program "
                    + terms.programId() + " differs");
        }
    }

    /** The checks every wallet command starts with: a well-formed request id and an effective date. */
    private static Violations requestChecks(String idField, String requestId, java.time.LocalDate date) {
        Violations v = new Violations();
        EntryRules.checkId(v, idField, requestId);
        requireDate(v, date);
        return v;
    }

    /** The result of a command carried out now; {@code entry} is null when it posted nothing. */
    private static WalletResult posted(String requestId, PostedEntry entry) {
        return new WalletResult(requestId, entry == null ? null : entry.entryId(), false);
    }

    private static void requireDate(Violations v, java.time.LocalDate date) {
        if (date == null) {
            v.add(RejectionCode.EFFECTIVE_DATE_REQUIRED, "effectiveDate", "give the accounting date YYYY-MM-DD");
        }
    }

    private static void positive(Violations v, String field, BigDecimal value) {
        if (value == null || value.signum() <= 0) {
            v.add(RejectionCode.CREDITS_REQUIRED, field, "must be greater than zero");
        }
    }

    private static long minor(Violations v, String field, BigDecimal amount, Currency currency) {
        try {
            return Money.of(amount, currency).minorUnits();
        } catch (MoneyPrecisionException e) {
            v.add(RejectionCode.PRECISION_BEYOND_MINOR_UNIT, field, e.getMessage());
            return 0;
        }
    }

    private String lastPolicyVersion() {
        return pools.values().stream().reduce((a, b) -> b).map(p -> p.terms.policyVersion()).orElse("credits/none");
    }

    /** Read-only views for tests and projections of the aggregate's own state. */
    Map<String, CreditPool> pools() {
        return pools;
    }

    // --- event sourcing ------------------------------------------------------------------------------------

    private void open(String customer, CreditTerms terms, String requestId, String hash) {
        walletId = WalletIds.aggregateId(customer);
        customerId = customer;
        currency = terms.currency();
        valuePerCredit = terms.valuePerCredit();
        processed.record(requestId, hash);
        nextSequence++;
    }

    @EventSourcingHandler
    void on(CreditsPurchased e) {
        open(e.customerId(), e.terms(), e.poolId(), e.inputHash());
        pools.put(e.poolId(), new CreditPool(e.poolId(), e.sequence(), e.effectiveDate(), e.expiresOn(), e.terms(),
                e.priceMinor(), e.credits()));
        if (e.settlement() == Settlement.INVOICED) {
            openInvoices.put(e.poolId(), e.priceMinor());
        }
    }

    @EventSourcingHandler
    void on(PromotionalCreditsGranted e) {
        open(e.customerId(), e.terms(), e.poolId(), e.inputHash());
        pools.put(e.poolId(), new CreditPool(e.poolId(), e.sequence(), e.effectiveDate(), e.expiresOn(), e.terms(), 0,
                e.credits()));
    }

    @EventSourcingHandler
    void on(UsageDrawn e) {
        for (PoolDraw d : e.pools()) {
            CreditPool pool = pools.get(d.poolId());
            pool.apply(new CreditPool.Recognition(d.redeemedAfter(), d.expectedAfter(),
                    d.usageRevenueMinor(), d.breakageMinor()));
            if (e.effectiveDate().isAfter(pool.lastActivity)) {
                pool.lastActivity = e.effectiveDate();
            }
        }
        overageValue = e.overageValueAfter();
        overagePosted += e.overageMinor();
        processed.record(e.drawId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(Events.PoolDeclaredDormant e) {
        pools.get(e.poolId()).applyDormancy(e.breakageMinor());
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(Events.OverageInvoiced e) {
        overageInvoiced += e.amountMinor();
        openInvoices.put(e.invoiceId(), e.amountMinor());
        processed.record(e.invoiceId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(Events.InvoicePaid e) {
        long left = openInvoices.get(e.invoiceId()) - e.amountMinor();
        if (left == 0) {
            openInvoices.remove(e.invoiceId());
        } else {
            openInvoices.put(e.invoiceId(), left);
        }
        processed.record(e.paymentId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(Events.HoldPlaced e) {
        holds.put(e.holdId(), e);
        processed.record(e.holdId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(Events.HoldReleased e) {
        holds.remove(e.holdId());
    }

    @EventSourcingHandler
    void on(BreakageEstimateRevised e) {
        CreditPool pool = pools.get(e.poolId());
        pool.apply(new CreditPool.Recognition(pool.redeemed, e.expectedAfter(), 0, e.breakageMinor()));
        processed.record(e.revisionId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(CreditPoolExpired e) {
        pools.get(e.poolId()).apply(new CreditPool.Expiry(e.breakageMinor(), e.escheatMinor()));
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(CreditsRefunded e) {
        pools.get(e.poolId()).apply(new CreditPool.Refund(e.amountMinor(), e.credits(), e.expectedAfter(), e.breakageMinor()));
        processed.record(e.refundId(), e.inputHash());
    }
}
