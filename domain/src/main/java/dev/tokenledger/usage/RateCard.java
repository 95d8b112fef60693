package dev.tokenledger.usage;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One version of a rate card: what customers pay per unit of each model, effective from a date. A card with a
 * {@code customerId} overrides the list cards (those without) for that customer, model by model and unit by unit.
 */
public record RateCard(String cardId, int version, LocalDate effectiveFrom, String currency, String customerId,
                       List<UnitPrice> prices) {

    public RateCard {
        prices = prices == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(prices));
    }

    public Optional<UnitPrice> priceOf(String model, String unit) {
        return prices.stream().filter(p -> p.model().equals(model) && p.unit().equals(unit)).findFirst();
    }

    /** How a priced record names the card it used: id and version. */
    public String reference() {
        return cardId + "@v" + version;
    }
}
