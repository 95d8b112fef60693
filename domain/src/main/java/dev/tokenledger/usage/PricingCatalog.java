package dev.tokenledger.usage;

import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.money.Money;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * All rate cards and cost cards, versioned and effective-dated. One aggregate for the whole catalog: publications
 * are rare, and one stream lets pricing read every card with one query.
 */
@AggregateRoot
public class PricingCatalog {

    public static final String ID = "pricing-catalog";

    @AggregateIdentifier
    private String id;
    private Catalog catalog = Catalog.EMPTY;
    private final Map<String, String> fingerprints = new HashMap<>();

    protected PricingCatalog() {
    }

    /** What publishing returns: the card's reference and whether this exact version was already there. */
    public record Published(String cardId, int version, boolean alreadyApplied) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Published handle(PublishRateCard c) {
        String hash = InputFingerprint.of("rate-card", c.effectiveFrom(), c.currency(), c.customerId(), canonicalPrices(c.prices()));
        Optional<Published> replay = replay("rate:" + c.cardId(), c.cardId(), c.version(), hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        Violations v = new Violations();
        RequestChecks.id(v, "cardId", c.cardId());
        Optional<RateCard> last = c.cardId() == null ? Optional.empty() : catalog.latestRateCard(c.cardId());
        checkVersion(v, c.version(), c.effectiveFrom(), last.map(RateCard::version), last.map(RateCard::effectiveFrom));
        checkCurrency(v, c.currency());
        if (last.isPresent() && !java.util.Objects.equals(last.get().customerId(), c.customerId())) {
            v.add(RejectionCode.RATE_CARD_INVALID, "customerId", "card " + c.cardId() + " belongs to "
                    + (last.get().customerId() == null ? "the list prices" : "customer " + last.get().customerId()));
        }
        RequestChecks.optionalId(v, "customerId", c.customerId());
        if (RequestChecks.size(v, RejectionCode.RATE_CARD_INVALID, "prices", c.prices(), 1, Limits.MAX_CARD_ENTRIES)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < c.prices().size(); i++) {
                checkPrice(v, "prices[" + i + "]", c.prices().get(i), seen);
            }
        }
        v.throwIfAny();
        apply(new RateCardPublished(new RateCard(c.cardId(), c.version(), c.effectiveFrom(), c.currency(),
                c.customerId(), c.prices()), hash));
        return new Published(c.cardId(), c.version(), false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Published handle(PublishCostCard c) {
        String hash = InputFingerprint.of("cost-card", c.effectiveFrom(), c.currency(), c.provider(), c.role(),
                canonicalCosts(c.costs()));
        Optional<Published> replay = replay("cost:" + c.cardId(), c.cardId(), c.version(), hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        Violations v = new Violations();
        RequestChecks.id(v, "cardId", c.cardId());
        Optional<CostCard> last = c.cardId() == null ? Optional.empty() : catalog.latestCostCard(c.cardId());
        checkVersion(v, c.version(), c.effectiveFrom(), last.map(CostCard::version), last.map(CostCard::effectiveFrom));
        checkCurrency(v, c.currency());
        RequestChecks.id(v, "provider", c.provider());
        if (c.role() == null) {
            v.add(RejectionCode.RATE_CARD_INVALID, "role", "COMPUTE (own inference), THIRD_PARTY (model fees, as principal) or AGENT (a model resold as agent: revenue net of the provider's fee)");
        }
        if (RequestChecks.size(v, RejectionCode.RATE_CARD_INVALID, "costs", c.costs(), 1, Limits.MAX_CARD_ENTRIES)) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < c.costs().size(); i++) {
                UnitCost cost = c.costs().get(i);
                String field = "costs[" + i + "]";
                if (cost == null) {
                    v.add(RejectionCode.RATE_CARD_INVALID, field, "give model and unit");
                    continue;
                }
                if (!(RequestChecks.name(v, field + ".model", cost.model()) & RequestChecks.unit(v, field + ".unit", cost.unit()))) {
                    continue;
                }
                if (!seen.add(cost.model() + "|" + cost.unit())) {
                    v.add(RejectionCode.RATE_CARD_INVALID, field, "model " + cost.model() + " unit " + cost.unit() + " is listed twice");
                }
                RequestChecks.unitPrice(v, field + ".unitCost", cost.unitCost());
            }
        }
        v.throwIfAny();
        apply(new CostCardPublished(new CostCard(c.cardId(), c.version(), c.effectiveFrom(), c.currency(), c.provider(),
                c.role(), c.costs()), hash));
        return new Published(c.cardId(), c.version(), false);
    }

    private Optional<Published> replay(String key, String cardId, int version, String hash) {
        String earlier = fingerprints.get(key + "@v" + version);
        if (earlier == null) {
            return Optional.empty();
        }
        if (!earlier.equals(hash)) {
            throw LedgerRejection.of(RejectionCode.IDEMPOTENCY_KEY_REUSED, "version",
                    "version " + version + " of card " + cardId + " was published with other content; publish a new version");
        }
        return Optional.of(new Published(cardId, version, true));
    }

    private static void checkVersion(Violations v, int version, LocalDate effectiveFrom, Optional<Integer> lastVersion,
                                     Optional<LocalDate> lastFrom) {
        int expected = lastVersion.orElse(0) + 1;
        if (version != expected) {
            v.add(RejectionCode.CARD_VERSION_CONFLICT, "version", "the next version is " + expected);
        }
        if (RequestChecks.date(v, "effectiveFrom", effectiveFrom) && lastFrom.isPresent() && effectiveFrom.isBefore(lastFrom.get())) {
            v.add(RejectionCode.CARD_VERSION_CONFLICT, "effectiveFrom", "the last version is effective from "
                    + lastFrom.get() + "; a new version cannot start earlier");
        }
    }

    private static void checkCurrency(Violations v, String code) {
        RequestChecks.currency(v, "currency", code);
    }

    private static void checkPrice(Violations v, String field, UnitPrice price, Set<String> seen) {
        if (price == null) {
            v.add(RejectionCode.RATE_CARD_INVALID, field, "give model and unit");
            return;
        }
        if (!(RequestChecks.name(v, field + ".model", price.model()) & RequestChecks.unit(v, field + ".unit", price.unit()))) {
            return;
        }
        if (!seen.add(price.model() + "|" + price.unit())) {
            v.add(RejectionCode.RATE_CARD_INVALID, field, "model " + price.model() + " unit " + price.unit() + " is listed twice");
        }
        if (price.tiersAccumulateFrom() != null) {
            RequestChecks.date(v, field + ".tiersAccumulateFrom", price.tiersAccumulateFrom().atDay(1));
        }
        List<Tier> tiers = price.tiers();
        if (!RequestChecks.size(v, RejectionCode.RATE_CARD_INVALID, field + ".tiers", tiers, 1, Limits.MAX_TIERS)) {
            return;
        }
        long lastBound = 0;
        for (int t = 0; t < tiers.size(); t++) {
            Tier tier = tiers.get(t);
            String tierField = field + ".tiers[" + t + "]";
            if (tier == null) {
                v.add(RejectionCode.RATE_CARD_INVALID, tierField, "give upTo and unitPrice");
                return;
            }
            RequestChecks.unitPrice(v, tierField + ".unitPrice", tier.unitPrice());
            boolean last = t == tiers.size() - 1;
            if (last != (tier.upTo() == null)) {
                v.add(RejectionCode.RATE_CARD_INVALID, tierField + ".upTo", last
                        ? "the last tier is unbounded (no upTo)" : "every tier but the last needs an upTo");
            } else if (!last && (tier.upTo() <= lastBound || tier.upTo() > Limits.MAX_TIER_BOUND)) {
                v.add(RejectionCode.RATE_CARD_INVALID, tierField + ".upTo", "tier bounds increase, up to " + Limits.MAX_TIER_BOUND);
            }
            if (tier.upTo() != null) {
                lastBound = tier.upTo();
            }
        }
    }

    private static String canonicalPrices(List<UnitPrice> prices) {
        if (prices == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (UnitPrice p : prices) {
            b.append(p == null ? "null" : p.model() + "|" + p.unit() + "|" + p.mode());
            if (p != null) {
                p.tiers().forEach(t -> b.append("|").append(t == null ? "null" : t.upTo() + ":" + plain(t.unitPrice())));
                if (p.tiersAccumulateFrom() != null) { // absent from the fingerprints of cards before it existed
                    b.append("|year-from:").append(p.tiersAccumulateFrom());
                }
            }
            b.append(';');
        }
        return b.toString();
    }

    private static String canonicalCosts(List<UnitCost> costs) {
        if (costs == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        costs.forEach(c -> b.append(c == null ? "null" : c.model() + "|" + c.unit() + "|" + plain(c.unitCost())).append(';'));
        return b.toString();
    }

    private static String plain(BigDecimal d) {
        return d == null ? "null" : d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }

    @EventSourcingHandler
    void on(RateCardPublished e) {
        id = ID;
        catalog = catalog.with(e.card());
        fingerprints.put("rate:" + e.card().cardId() + "@v" + e.card().version(), e.inputHash());
        EventStorePricingCatalogBook.forgetCachedCatalog();
    }

    @EventSourcingHandler
    void on(CostCardPublished e) {
        id = ID;
        catalog = catalog.with(e.card());
        fingerprints.put("cost:" + e.card().cardId() + "@v" + e.card().version(), e.inputHash());
        EventStorePricingCatalogBook.forgetCachedCatalog();
    }
}
