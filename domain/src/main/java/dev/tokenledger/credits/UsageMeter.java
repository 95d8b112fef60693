package dev.tokenledger.credits;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.credits.Commands.DrawUsage;
import dev.tokenledger.credits.Events.UsageDrawn;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import dev.tokenledger.usage.Catalog;
import dev.tokenledger.usage.PoolDraw;
import dev.tokenledger.usage.RecordUsage;
import dev.tokenledger.usage.UsageOutcome;
import dev.tokenledger.usage.UsageRecord;
import dev.tokenledger.usage.UsageRecorded;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The wallet's consumption: draws of credits (or of a value) and priced usage records, taken from the pools usable on
 * the usage date in draw order, with what no pool covers accrued as overage. Keeps what pricing carries from one
 * posting to the next: month-to-date quantities (tiers) and cumulative exact cost (cost catch-up).
 */
final class UsageMeter {

    private final WalletProfile profile;
    private final RequestLog requests;
    private final CreditPools pools;
    private final Receivables receivables;
    /** Month-to-date quantities by "model|unit|YYYY-MM", for tiered prices. */
    private final Map<String, Long> volumes = new HashMap<>();
    /** Cumulative exact cost and posted cost (minor units) by "model|feature|role", for cost catch-up. */
    private final Map<String, BigDecimal> costExact = new HashMap<>();
    private final Map<String, Long> costPosted = new HashMap<>();

    UsageMeter(WalletProfile profile, RequestLog requests, CreditPools pools, Receivables receivables) {
        this.profile = profile;
        this.requests = requests;
        this.pools = pools;
        this.receivables = receivables;
    }

    // --- draws by credits or value -------------------------------------------------------------------------

    @CommandHandler
    Wallet.WalletResult handle(DrawUsage c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = c.poolId() == null
                ? drawFingerprint(c.effectiveDate(), c.occurredAt(), c.credits(), c.value(), c.usageReference())
                : InputFingerprint.of("draw", c.effectiveDate(), c.occurredAt(), c.credits(), c.value(),
                c.usageReference(), c.poolId());
        return requests.once(c.customerId(), c.drawId(), hash, () -> {
            BigDecimal wanted = validDraw(c.drawId(), c.effectiveDate(), c.credits(), c.value(), c.usageReference());
            CreditPool named = c.poolId() == null ? null : pools.namedForDraw(c.poolId(), c.effectiveDate());
            return draw(c.drawId(), c.effectiveDate(), c.occurredAt(), wanted, c.usageReference(), named, hash, chart,
                    calendar);
        });
    }

    static String drawFingerprint(LocalDate date, Instant occurredAt, BigDecimal credits, BigDecimal value, String reference) {
        return InputFingerprint.of("draw", date, occurredAt, credits, value, reference);
    }

    /** The credits a draw asks for, once its request is valid (refused otherwise). */
    BigDecimal validDraw(String drawId, LocalDate date, BigDecimal credits, BigDecimal value, String usageReference) {
        Violations v = new Violations();
        RequestChecks.id(v, "drawId", drawId);
        RequestChecks.date(v, "effectiveDate", date);
        RequestChecks.text(v, "usageReference", usageReference, Limits.MAX_REFERENCE);
        pools.checkNotBeforeFirstPool(v, date);
        boolean byCredits = credits != null;
        BigDecimal wanted = null;
        if (byCredits == (value != null)) {
            v.add(RejectionCode.CREDITS_REQUIRED, "credits", "give either credits or value");
        } else if (byCredits ? RequestChecks.credits(v, "credits", credits) : RequestChecks.exactValue(v, "value", value)) {
            wanted = byCredits ? credits : profile.creditsWorth(value);
            BigDecimal worth = byCredits ? profile.valueOf(credits) : value;
            if (wanted.compareTo(Limits.MAX_CREDITS) > 0 || worth.compareTo(Limits.MAX_AMOUNT_MAJOR) >= 0) {
                v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, byCredits ? "credits" : "value", "a draw is at most "
                        + Limits.MAX_CREDITS.toPlainString() + " credits worth less than " + Limits.MAX_AMOUNT_MAJOR.toPlainString());
            } else if (!receivables.canAccrue(worth)) {
                v.add(RejectionCode.AMOUNT_OUT_OF_RANGE, byCredits ? "credits" : "value",
                        "the wallet's lifetime overage would reach " + Limits.MAX_LIFETIME_MAJOR.toPlainString());
            }
        }
        v.throwIfAny();
        return wanted;
    }

    /** Draws {@code wanted} credits from the pools usable on {@code date}; the rest is overage. */
    Wallet.WalletResult draw(String drawId, LocalDate date, Instant occurredAt, BigDecimal wanted, String usageReference,
                             String hash, ChartOfAccounts chart, PeriodCalendar calendar) {
        return draw(drawId, date, occurredAt, wanted, usageReference, null, hash, chart, calendar);
    }

    /**
     * Draws {@code wanted} credits from {@code named} first when the draw names its pool (a contract's own pool),
     * then from the pools usable on {@code date} in the default order; the rest is overage.
     */
    Wallet.WalletResult draw(String drawId, LocalDate date, Instant occurredAt, BigDecimal wanted, String usageReference,
                             CreditPool named, String hash, ChartOfAccounts chart, PeriodCalendar calendar) {
        String policy = null;
        WalletPostings postings = new WalletPostings(chart, profile.customerId(), profile.currency());
        List<PoolDraw> draws = new ArrayList<>();
        BigDecimal remaining = wanted;
        List<CreditPool> order = new ArrayList<>(pools.usableOn(date));
        if (named != null) {
            order.remove(named);
            order.add(0, named);
        }
        for (CreditPool pool : order) {
            if (remaining.signum() == 0) {
                break;
            }
            BigDecimal take = remaining.min(pool.available());
            CreditPool.Recognition r = pool.draw(take);
            postings.move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.USAGE_REVENUE, r.usageDelta(), pool.poolId())
                    .move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, r.breakageDelta(), pool.poolId());
            draws.add(new PoolDraw(pool.poolId(), take, r.newRedeemed(), r.newExpected(), r.usageDelta(), r.breakageDelta()));
            remaining = remaining.subtract(take);
            policy = pool.terms().policyVersion();
        }
        Receivables.OverageAccrual overage = receivables.accrue(profile.valueOf(remaining), profile.currency());
        postings.move(AccountRole.UNBILLED_RECEIVABLE, AccountRole.USAGE_REVENUE, overage.minorToPost(), null);
        PostedEntry entry = postings.entry(drawId, date, "Usage drawn" + (usageReference == null ? "" : " (" + usageReference + ")"),
                policy != null ? policy : pools.lastPolicyVersion(), calendar);
        apply(new UsageDrawn(profile.customerId(), drawId, date, occurredAt, usageReference, wanted,
                draws, remaining, overage.valueAfter(), overage.minorToPost(), entry, hash));
        return Wallet.posted(drawId, entry);
    }

    // --- priced usage records (usage ledger) ----------------------------------------------------------------

    /** Usage in the order it happened, ties broken by record id. */
    private static final Comparator<UsageRecord> IN_TIME_ORDER = (a, b) -> {
        int byTime = a.occurredAt().compareTo(b.occurredAt());
        return byTime != 0 ? byTime : a.recordId().compareTo(b.recordId());
    };

    /** Prices, costs and posts one batch's new records of this customer: one posting per month of the batch. */
    UsageOutcome record(RecordUsage c, ChartOfAccounts chart, PeriodCalendar calendar, Catalog catalog) {
        Violations v = new Violations();
        RequestChecks.id(v, "customerId", c.customerId());
        RequestChecks.id(v, "batchId", c.batchId());
        v.throwIfAny();
        UsagePosting posting = new UsagePosting(this, c.customerId(), catalog, chart, calendar);
        // a fixed order, so graduated tiers price the same records the same way however the batch was sent
        List<UsageRecord> ordered = c.records().stream().sorted(IN_TIME_ORDER).toList();
        Map<YearMonth, List<UsageRecord>> byMonth = new TreeMap<>();
        ordered.forEach(r -> byMonth.computeIfAbsent(YearMonth.from(r.usageDate()), k -> new ArrayList<>()).add(r));
        byMonth.forEach((month, records) -> {
            String postingId = "usage-" + c.batchId() + "-" + month;
            String inputHash = UsagePosting.inputHashOf(month, records);
            if (!requests.isRetry(postingId, inputHash, "batchId")) {
                posting.post(postingId, c.batchId(), month, records, inputHash);
            }
        });
        return posting.outcome();
    }

    // what a usage posting reads from the wallet, through its meter

    Currency currency() {
        return profile.currency();
    }

    BigDecimal valuePerCredit() {
        return profile.valuePerCredit();
    }

    List<CreditPool> poolsUsableOn(LocalDate date) {
        return pools.usableOn(date);
    }

    Receivables.OverageAccrual accrueOverage(BigDecimal value, Currency currency) {
        return receivables.accrue(value, currency);
    }

    boolean canAccrueOverage(BigDecimal value) {
        return receivables.canAccrue(value);
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

    void record(UsageRecorded e) {
        apply(e);
    }

    // --- event sourcing ----------------------------------------------------------------------------------

    @EventSourcingHandler
    void on(UsageDrawn e) {
        requests.record(e.drawId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(UsageRecorded e) {
        volumes.putAll(e.volumesAfter());
        costExact.putAll(e.costExactAfter());
        costPosted.putAll(e.costPostedAfter());
        requests.record(e.postingId(), e.inputHash());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UsageMeter m && volumes.equals(m.volumes) && costPosted.equals(m.costPosted)
                && costExact.keySet().equals(m.costExact.keySet())
                && costExact.entrySet().stream().allMatch(e -> e.getValue().compareTo(m.costExact.get(e.getKey())) == 0);
    }

    @Override
    public int hashCode() {
        return volumes.hashCode();
    }
}
