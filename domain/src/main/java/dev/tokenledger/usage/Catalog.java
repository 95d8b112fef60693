package dev.tokenledger.usage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every version of every rate and cost card, with the look-ups pricing needs. Immutable; a new publication makes a
 * new catalog. Where several cards could answer, the one with the smallest card id wins, so the answer never
 * depends on the order of publication.
 */
public final class Catalog {

    public static final Catalog EMPTY = new Catalog(List.of(), List.of());

    /** Look-ups remembered per catalog (it never changes); capped so that odd inputs cannot grow it without end. */
    private static final int MEMO_LIMIT = 100_000;

    private final Map<String, List<RateCard>> rateCards = new TreeMap<>();
    private final Map<String, List<CostCard>> costCards = new TreeMap<>();
    private final Set<String> customersWithOverrides;
    private final Map<RateKey, Optional<RateFound>> rateMemo = new ConcurrentHashMap<>();
    private final Map<CostKey, Optional<CostFound>> costMemo = new ConcurrentHashMap<>();

    /** The card in force for one model and unit, with its price for them and the reference a record keeps. */
    public record RateFound(RateCard card, UnitPrice price, String reference) {
    }

    /** The cost card in force for one model and unit, with its unit cost and the reference a record keeps. */
    public record CostFound(CostCard card, UnitCost cost, String reference) {
    }

    /** customerId is null for customers without an override card: they all share the list price. */
    private record RateKey(String customerId, String model, String unit, LocalDate date) {
    }

    private record CostKey(String model, String provider, String unit, LocalDate date) {
    }

    public Catalog(List<RateCard> rates, List<CostCard> costs) {
        rates.forEach(r -> rateCards.computeIfAbsent(r.cardId(), k -> new ArrayList<>()).add(r));
        costs.forEach(c -> costCards.computeIfAbsent(c.cardId(), k -> new ArrayList<>()).add(c));
        rateCards.values().forEach(v -> v.sort(Comparator.comparingInt(RateCard::version)));
        costCards.values().forEach(v -> v.sort(Comparator.comparingInt(CostCard::version)));
        customersWithOverrides = rates.stream().map(RateCard::customerId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** {@link #rateCardFor} with the unit's price, remembered: pricing asks the same question for most records. */
    public Optional<RateFound> rateFor(String customerId, String model, String unit, LocalDate date) {
        RateKey key = new RateKey(customersWithOverrides.contains(customerId) ? customerId : null, model, unit, date);
        Optional<RateFound> found = rateMemo.get(key);
        if (found == null) {
            found = rateCardFor(customerId, model, unit, date)
                    .map(c -> new RateFound(c, c.priceOf(model, unit).orElseThrow(), c.reference()));
            remember(rateMemo, key, found);
        }
        return found;
    }

    /** {@link #costCardFor} with the unit's cost, remembered. */
    public Optional<CostFound> costFor(String model, String provider, String unit, LocalDate date) {
        CostKey key = new CostKey(model, provider, unit, date);
        Optional<CostFound> found = costMemo.get(key);
        if (found == null) {
            found = costCardFor(model, provider, unit, date)
                    .map(c -> new CostFound(c, c.costOf(model, unit).orElseThrow(), c.reference()));
            remember(costMemo, key, found);
        }
        return found;
    }

    private static <K, V> void remember(Map<K, V> memo, K key, V value) {
        if (memo.size() < MEMO_LIMIT) {
            memo.put(key, value);
        }
    }

    public Catalog with(RateCard card) {
        List<RateCard> rates = new ArrayList<>(allRateCards());
        rates.add(card);
        return new Catalog(rates, allCostCards());
    }

    public Catalog with(CostCard card) {
        List<CostCard> costs = new ArrayList<>(allCostCards());
        costs.add(card);
        return new Catalog(allRateCards(), costs);
    }

    public List<RateCard> allRateCards() {
        return rateCards.values().stream().flatMap(List::stream).toList();
    }

    public List<CostCard> allCostCards() {
        return costCards.values().stream().flatMap(List::stream).toList();
    }

    public Optional<RateCard> latestRateCard(String cardId) {
        List<RateCard> versions = rateCards.get(cardId);
        return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    public Optional<CostCard> latestCostCard(String cardId) {
        List<CostCard> versions = costCards.get(cardId);
        return versions == null ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** The rate card in force for the customer on {@code date} pricing this model and unit: overrides first. */
    public Optional<RateCard> rateCardFor(String customerId, String model, String unit, LocalDate date) {
        Optional<RateCard> override = firstInForce(rateCards, date,
                c -> customerId.equals(c.customerId()) && c.priceOf(model, unit).isPresent());
        return override.isPresent() ? override
                : firstInForce(rateCards, date, c -> c.customerId() == null && c.priceOf(model, unit).isPresent());
    }

    /** The cost card in force on {@code date} for this model and unit, at {@code provider} when one is named. */
    public Optional<CostCard> costCardFor(String model, String provider, String unit, LocalDate date) {
        return firstInForce(costCards, date,
                c -> (provider == null || provider.equals(c.provider())) && c.costOf(model, unit).isPresent());
    }

    /** The currency a new customer's usage is priced in: that of its override card, else of the first list card. */
    public Optional<String> currencyFor(String customerId, LocalDate date) {
        Optional<RateCard> card = firstInForce(rateCards, date, c -> customerId.equals(c.customerId()));
        return (card.isPresent() ? card : firstInForce(rateCards, date, c -> c.customerId() == null)).map(RateCard::currency);
    }

    private static <C> Optional<C> firstInForce(Map<String, List<C>> cards, LocalDate date,
                                                java.util.function.Predicate<C> wanted) {
        for (List<C> versions : cards.values()) {
            C inForce = null;
            for (C version : versions) {
                if (!effectiveFrom(version).isAfter(date)) {
                    inForce = version;
                }
            }
            if (inForce != null && wanted.test(inForce)) {
                return Optional.of(inForce);
            }
        }
        return Optional.empty();
    }

    private static LocalDate effectiveFrom(Object card) {
        return card instanceof RateCard r ? r.effectiveFrom() : ((CostCard) card).effectiveFrom();
    }
}
