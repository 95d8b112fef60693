package dev.tokenledger.credits;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.money.Allocation;
import dev.tokenledger.money.Money;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.usage.Catalog;
import dev.tokenledger.usage.CostCard;
import dev.tokenledger.usage.CostRole;
import dev.tokenledger.usage.PoolDraw;
import dev.tokenledger.usage.UsageGroup;
import dev.tokenledger.usage.UsageOutcome;
import dev.tokenledger.usage.UsageOutcome.Priced;
import dev.tokenledger.usage.UsageOutcome.Rejected;
import dev.tokenledger.usage.UnitPrice;
import dev.tokenledger.usage.UsageRecord;
import dev.tokenledger.usage.UsageRecorded;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Prices and costs one customer's new usage records and posts them, one posting per month of the batch (README
 * "Usage records"): the month's exact value is drawn from the wallet's pools (overage beyond them), each pool's revenue is split
 * over models and features by largest remainder, and cost is accrued by cumulative catch-up per model, feature and
 * cost role. Records that cannot be priced or costed, or that would take a posting or the wallet's lifetime totals
 * beyond {@link Limits}, are rejected alone: the rest of the batch posts.
 */
final class UsagePosting {

    /** The accounting policy under which usage postings are decided; recorded on every entry. */
    static final String POLICY_VERSION = "usage/2026-11";

    private final UsageMeter meter;
    private final String customerId;
    private final Catalog catalog;
    private final ChartOfAccounts chart;
    private final PeriodCalendar calendar;
    private final List<Priced> priced = new ArrayList<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private final Map<String, Map<String, String>> volumeKeys = new HashMap<>();
    private YearMonth volumeKeysMonth;

    UsagePosting(UsageMeter meter, String customerId, Catalog catalog, ChartOfAccounts chart, PeriodCalendar calendar) {
        this.meter = meter;
        this.customerId = customerId;
        this.catalog = catalog;
        this.chart = chart;
        this.calendar = calendar;
    }

    UsageOutcome outcome() {
        return new UsageOutcome(customerId, List.copyOf(priced), List.copyOf(rejected));
    }

    /**
     * A record's price and cost, or why it has none; {@code volumeKeys} / {@code volumesAfter} are the month-to-date
     * quantities the record moves, applied only once it is accepted.
     */
    private record Pricing(BigDecimal value, BigDecimal cost, CostRole role, String rateCards, String costCard,
                           String[] volumeKeys, long[] volumesAfter, Rejected rejection) {
    }

    private static final class Group {
        final String model;
        final String feature;
        final CostRole role;
        int records;
        long tokens;
        final Map<String, Long> quantities = new TreeMap<>();
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        long revenueMinor;

        final String key;

        Group(String model, String feature, CostRole role, String key) {
            this.model = model;
            this.feature = feature;
            this.role = role;
            this.key = key;
        }

        String costKey() {
            return key;
        }

        static String costKey(String model, String feature, CostRole role) {
            return model + "|" + (feature == null ? "" : feature) + "|" + role;
        }
    }

    /** A group's identity, looked up without building its key's text for every record. */
    private record GroupId(String model, String feature, CostRole role) {
    }

    /**
     * The month's records this posting accepts, priced, with their groups and totals. Gathered in a method of its
     * own, not in {@link #post}'s body: the JIT compiles a long-running loop together with the method around it, and
     * {@code post} was compiled four or five times a run at 0.3-0.7 s each (BENCHMARKS.md, "The JIT's fixed cost").
     */
    private static final class Accepted {
        final Map<String, Long> volumes = new HashMap<>();
        final Map<String, Group> groups = new TreeMap<>();
        /** The same groups by identity; {@link #groups} orders them (by key) for the journal's lines. */
        final Map<GroupId, Group> groupsById = new HashMap<>();
        /** The cards last added to the sets below: most records name the same ones as the record before. */
        String lastRateCards;
        String lastCostCard;
        final List<UsageRecord> records;
        final List<Pricing> pricing;
        final TreeSet<String> rateCardsUsed = new TreeSet<>();
        final TreeSet<String> costCardsUsed = new TreeSet<>();
        LocalDate effectiveDate;
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;

        Accepted(int size) {
            records = new ArrayList<>(size);
            pricing = new ArrayList<>(size);
        }
    }

    /** Prices each record in turn; a record that cannot be priced, or would pass the limits, is rejected alone. */
    private Accepted accept(List<UsageRecord> records, YearMonth month, Currency currency) {
        Accepted accepted = new Accepted(records.size());
        for (UsageRecord r : records) {
            Pricing p = price(r, month, currency, accepted.volumes);
            if (p.rejection() != null) {
                rejected.add(p.rejection());
                continue;
            }
            String feature = r.feature() == null || r.feature().isBlank() ? null : r.feature();
            GroupId groupId = new GroupId(r.model(), feature, p.role());
            Group existing = accepted.groupsById.get(groupId);
            String groupKey = existing != null ? existing.key : Group.costKey(r.model(), feature, p.role());
            Rejected beyond = beyondLimits(r, p, accepted.value, accepted.cost,
                    meter.costExact(groupKey).add(existing == null ? BigDecimal.ZERO : existing.cost));
            if (beyond != null) {
                rejected.add(beyond);
                continue;
            }
            for (int i = 0; i < p.volumeKeys().length; i++) {
                accepted.volumes.put(p.volumeKeys()[i], p.volumesAfter()[i]);
            }
            accepted.value = accepted.value.add(p.value());
            accepted.cost = accepted.cost.add(p.cost());
            accepted.records.add(r);
            accepted.pricing.add(p);
            Group g = existing != null ? existing : new Group(r.model(), feature, p.role(), groupKey);
            if (existing == null) {
                accepted.groups.put(groupKey, g);
                accepted.groupsById.put(groupId, g);
            }
            g.records++;
            g.tokens += r.tokens();
            r.quantities().forEach((unit, q) -> g.quantities.merge(unit, q, Long::sum));
            g.value = g.value.add(p.value());
            g.cost = g.cost.add(p.cost());
            if (!p.rateCards().equals(accepted.lastRateCards)) {
                if (p.rateCards().indexOf(',') < 0) {
                    accepted.rateCardsUsed.add(p.rateCards());
                } else {
                    accepted.rateCardsUsed.addAll(List.of(p.rateCards().split(",")));
                }
                accepted.lastRateCards = p.rateCards();
            }
            if (!p.costCard().equals(accepted.lastCostCard)) {
                accepted.costCardsUsed.add(p.costCard());
                accepted.lastCostCard = p.costCard();
            }
            if (accepted.effectiveDate == null || r.usageDate().isAfter(accepted.effectiveDate)) {
                accepted.effectiveDate = r.usageDate();
            }
        }
        return accepted;
    }

    /** @param inputHash the fingerprint of the month's records, already computed for the idempotency check */
    void post(String postingId, String batchId, YearMonth month, List<UsageRecord> records, String inputHash) {
        Currency currency = meter.currency() != null ? meter.currency()
                : catalog.currencyFor(customerId, records.get(0).usageDate()).map(Currency::getInstance).orElse(null);
        Accepted accepted = accept(records, month, currency);
        List<UsageRecord> acceptedRecords = accepted.records;
        Map<String, Group> groups = accepted.groups;
        Map<String, Long> volumes = accepted.volumes;
        TreeSet<String> rateCardsUsed = accepted.rateCardsUsed;
        TreeSet<String> costCardsUsed = accepted.costCardsUsed;
        LocalDate effectiveDate = accepted.effectiveDate;
        if (acceptedRecords.isEmpty()) {
            return;
        }
        List<Group> lines = new ArrayList<>(groups.values());
        List<BigDecimal> weights = lines.stream().map(g -> g.value).toList();
        BigDecimal totalValue = weights.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        int digits = Money.fractionDigits(currency);
        WalletPostings postings = new WalletPostings(chart, customerId, currency);

        // revenue: draw the month's value from the pools usable on its date, the rest is overage
        List<PoolDraw> draws = new ArrayList<>();
        BigDecimal remainingValue = totalValue;
        BigDecimal overageCredits = BigDecimal.ZERO;
        String policy = POLICY_VERSION;
        if (meter.valuePerCredit() != null && totalValue.signum() > 0) {
            BigDecimal remaining = totalValue.divide(meter.valuePerCredit(), CreditPool.PRECISION);
            for (CreditPool pool : meter.poolsUsableOn(effectiveDate)) {
                if (remaining.signum() == 0) {
                    break;
                }
                BigDecimal take = remaining.min(pool.available());
                CreditPool.Recognition r = pool.draw(take);
                long[] split = Allocation.largestRemainder(r.usageDelta(), weights);
                for (int i = 0; i < lines.size(); i++) {
                    Group g = lines.get(i);
                    postings.move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.USAGE_REVENUE, split[i], pool.poolId(), g.model, g.feature);
                    g.revenueMinor += split[i];
                }
                postings.move(AccountRole.DEFERRED_REVENUE_CREDITS, AccountRole.BREAKAGE_REVENUE, r.breakageDelta(), pool.poolId());
                draws.add(new PoolDraw(pool.poolId(), take, r.newRedeemed(), r.newExpected(), r.usageDelta(), r.breakageDelta()));
                remaining = remaining.subtract(take);
                policy = POLICY_VERSION + "+" + pool.terms().policyVersion();
            }
            overageCredits = remaining;
            remainingValue = remaining.signum() == 0 ? BigDecimal.ZERO
                    : draws.isEmpty() ? totalValue : remaining.multiply(meter.valuePerCredit());
        }
        Receivables.OverageAccrual overage = meter.accrueOverage(remainingValue, currency);
        BigDecimal overageAfter = overage.valueAfter();
        long overageMinor = overage.minorToPost();
        long[] overageSplit = Allocation.largestRemainder(overageMinor, weights);
        for (int i = 0; i < lines.size(); i++) {
            Group g = lines.get(i);
            postings.move(AccountRole.UNBILLED_RECEIVABLE, AccountRole.USAGE_REVENUE, overageSplit[i], null, g.model, g.feature);
            g.revenueMinor += overageSplit[i];
        }

        // cost: cumulative exact cost per model, feature and role, rounded, less what was posted
        Map<String, BigDecimal> costExactAfter = new TreeMap<>();
        Map<String, Long> costPostedAfter = new TreeMap<>();
        List<UsageGroup> recorded = new ArrayList<>();
        for (Group g : lines) {
            BigDecimal exactAfter = meter.costExact(g.costKey()).add(g.cost);
            long postedAfter = CreditPool.roundHalfUp(exactAfter.movePointRight(digits));
            long costMinor = postedAfter - meter.costPosted(g.costKey());
            postings.move(g.role.debitRole(), AccountRole.ACCRUED_COMPUTE, costMinor, null, g.model, g.feature);
            costExactAfter.put(g.costKey(), exactAfter);
            costPostedAfter.put(g.costKey(), postedAfter);
            recorded.add(new UsageGroup(g.model, g.feature, g.role, g.records, g.tokens, Map.copyOf(g.quantities),
                    g.value, g.revenueMinor, g.cost, costMinor));
        }
        PostedEntry entry = postings.entry(postingId, effectiveDate, "Usage " + month + ": " + acceptedRecords.size()
                + " records", policy, calendar);
        Map<String, Long> volumesAfter = new TreeMap<>(volumes);
        meter.record(new UsageRecorded(customerId, batchId, postingId, month, effectiveDate, currency.getCurrencyCode(),
                recorded, draws, overageCredits, overageAfter, overageMinor, volumesAfter, costExactAfter, costPostedAfter,
                List.copyOf(rateCardsUsed), List.copyOf(costCardsUsed), entry, inputHash));
        addPriced(accepted, postingId, entry == null ? null : entry.entryId(), currency.getCurrencyCode());
    }

    /** What each accepted record was priced at and where it was posted (a loop of its own, like {@link #accept}). */
    private void addPriced(Accepted accepted, String postingId, String entryId, String currencyCode) {
        for (int i = 0; i < accepted.records.size(); i++) {
            Pricing p = accepted.pricing.get(i);
            priced.add(new Priced(accepted.records.get(i).recordId(), postingId, entryId, p.value(), p.cost(),
                    currencyCode, p.rateCards(), p.costCard(), p.role()));
        }
    }

    static String inputHashOf(YearMonth month, List<UsageRecord> records) {
        List<String> fingerprints = new ArrayList<>(records.size());
        for (UsageRecord r : records) {
            fingerprints.add(r.fingerprint());
        }
        return dev.tokenledger.kernel.InputFingerprint.ofJoined(fingerprints, "usage", month);
    }

    /**
     * Prices every unit of the record at the rate card in force for its date, and costs it at the cost card. Only an
     * accepted record moves the month-to-date volumes ({@code volumes}, keyed model|unit|month) that tiers read.
     */
    private Pricing price(UsageRecord r, YearMonth month, Currency currency, Map<String, Long> volumes) {
        if (currency == null) {
            return reject(r, RejectionCode.NO_RATE_IN_FORCE, "model", "no rate card is in force on " + r.usageDate());
        }
        int units = r.quantities().size();
        String[] unitNames = new String[units];
        long[] quantities = new long[units];
        Catalog.RateFound[] rates = new Catalog.RateFound[units];
        Catalog.CostFound[] costs = new Catalog.CostFound[units];
        int priced = 0;
        for (Map.Entry<String, Long> q : r.quantities().entrySet()) {
            String unit = q.getKey();
            long quantity = q.getValue();
            if (quantity == 0) {
                continue;
            }
            Catalog.RateFound rate = catalog.rateFor(customerId, r.model(), unit, r.usageDate()).orElse(null);
            if (rate == null) {
                return reject(r, RejectionCode.NO_RATE_IN_FORCE, "model", "no rate card prices " + r.model() + " "
                        + unit + " for customer " + customerId + " on " + r.usageDate());
            }
            if (!rate.card().currency().equals(currency.getCurrencyCode())) {
                return reject(r, RejectionCode.CURRENCY_MISMATCH, "customerId", "rate card " + rate.reference()
                        + " is in " + rate.card().currency() + "; the customer's wallet is in " + currency);
            }
            Catalog.CostFound cost = catalog.costFor(r.model(), r.provider(), unit, r.usageDate()).orElse(null);
            if (cost == null) {
                return reject(r, RejectionCode.NO_COST_IN_FORCE, r.provider() == null ? "model" : "provider",
                        "no cost card gives " + r.model() + " " + unit + (r.provider() == null ? "" : " at " + r.provider())
                                + " on " + r.usageDate());
            }
            if (!cost.card().currency().equals(currency.getCurrencyCode())) {
                return reject(r, RejectionCode.CURRENCY_MISMATCH, "model", "cost card " + cost.reference()
                        + " is in " + cost.card().currency() + "; the customer's wallet is in " + currency);
            }
            unitNames[priced] = unit;
            quantities[priced] = quantity;
            rates[priced] = rate;
            costs[priced] = cost;
            priced++;
        }
        if (priced == 0) {
            return reject(r, RejectionCode.USAGE_QUANTITY_INVALID, "quantities", "every quantity is zero");
        }
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        TreeSet<String> rateCards = null; // only when the units are priced by more than one card
        String[] volumeKeys = new String[priced];
        long[] volumesAfter = new long[priced];
        for (int i = 0; i < priced; i++) {
            UnitPrice unitPrice = rates[i].price();
            // contract-year tiers read the year to date; the cached month keys serve the (usual) month-to-date ones
            String volumeKey = unitPrice.tiersAccumulateFrom() == null ? volumeKey(r.model(), unitNames[i], month)
                    : r.model() + "|" + unitNames[i] + "|year-from-" + unitPrice.tierPeriodOf(month);
            Long inBatch = volumes.get(volumeKey);
            long before = inBatch != null ? inBatch : meter.volume(volumeKey);
            if (before + quantities[i] > Limits.MAX_MONTHLY_QUANTITY) {
                return reject(r, RejectionCode.AMOUNT_OUT_OF_RANGE, fieldOf(unitNames[i]), "the customer's "
                        + (unitPrice.tiersAccumulateFrom() == null ? month : "contract-year") + " quantity of " + r.model() + " " + unitNames[i] + " would pass " + Limits.MAX_MONTHLY_QUANTITY);
            }
            value = value.add(rates[i].price().valueOf(before, quantities[i]));
            volumeKeys[i] = volumeKey;
            volumesAfter[i] = before + quantities[i];
            cost = cost.add(costs[i].cost().unitCost().multiply(BigDecimal.valueOf(quantities[i])));
            if (!rates[i].reference().equals(rates[0].reference())) {
                rateCards = rateCards == null ? new TreeSet<>() : rateCards;
                rateCards.add(rates[i].reference());
            }
        }
        String rateCardRefs = rates[0].reference();
        if (rateCards != null) {
            rateCards.add(rateCardRefs);
            rateCardRefs = String.join(",", rateCards);
        }
        if (value.compareTo(Limits.MAX_AMOUNT_MAJOR) >= 0 || cost.compareTo(Limits.MAX_AMOUNT_MAJOR) >= 0) {
            return reject(r, RejectionCode.AMOUNT_OUT_OF_RANGE, fieldOf(unitNames[0]), "the record's value or cost "
                    + "reaches " + Limits.MAX_AMOUNT_MAJOR.toPlainString() + " " + currency.getCurrencyCode());
        }
        return new Pricing(value, cost, costs[0].card().role(), rateCardRefs, costs[0].reference(), volumeKeys,
                volumesAfter, null);
    }

    /** model|unit|month, the key of month-to-date volumes; made once per model and unit, not once per record. */
    private String volumeKey(String model, String unit, YearMonth month) {
        if (!month.equals(volumeKeysMonth)) {
            volumeKeys.clear();
            volumeKeysMonth = month;
        }
        return volumeKeys.computeIfAbsent(model, m -> new HashMap<>())
                .computeIfAbsent(unit, u -> model + "|" + u + "|" + month);
    }

    private static Pricing reject(UsageRecord r, RejectionCode code, String field, String detail) {
        return new Pricing(null, null, null, null, null, null, null, new Rejected(r.recordId(), code, field, detail));
    }

    /**
     * Why an accepted record would take its posting (one journal line per group) or the wallet's lifetime totals
     * beyond {@link Limits}; null when it fits. {@code groupCostSoFar} is the cumulative exact cost of its group.
     */
    private Rejected beyondLimits(UsageRecord r, Pricing p, BigDecimal postingValue, BigDecimal postingCost,
                                  BigDecimal groupCostSoFar) {
        String field = fieldOf(r.quantities().keySet().iterator().next());
        if (postingValue.add(p.value()).compareTo(Limits.MAX_AMOUNT_MAJOR) >= 0
                || postingCost.add(p.cost()).compareTo(Limits.MAX_AMOUNT_MAJOR) >= 0) {
            return new Rejected(r.recordId(), RejectionCode.AMOUNT_OUT_OF_RANGE, field, "the batch's usage of "
                    + customerId + " in " + YearMonth.from(r.usageDate()) + " would reach "
                    + Limits.MAX_AMOUNT_MAJOR.toPlainString() + " with this record; send it in another batch");
        }
        if (!meter.canAccrueOverage(postingValue.add(p.value()))
                || groupCostSoFar.add(p.cost()).compareTo(Limits.MAX_LIFETIME_MAJOR) >= 0) {
            return new Rejected(r.recordId(), RejectionCode.AMOUNT_OUT_OF_RANGE, field, "customer " + customerId
                    + "'s lifetime usage value or cost would reach " + Limits.MAX_LIFETIME_MAJOR.toPlainString());
        }
        return null;
    }

    /** The record's JSON field for a unit (input_tokens is inputTokens; other units sit under "units"). */
    private static String fieldOf(String unit) {
        return switch (unit) {
            case UsageRecord.INPUT_TOKENS -> "inputTokens";
            case UsageRecord.OUTPUT_TOKENS -> "outputTokens";
            case UsageRecord.CACHED_TOKENS -> "cachedTokens";
            default -> "units." + unit;
        };
    }
}
