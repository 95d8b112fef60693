package dev.tokenledger.usage;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** One version of a cost card: what serving each model costs per unit at one provider, effective from a date. */
public record CostCard(String cardId, int version, LocalDate effectiveFrom, String currency, String provider,
                       CostRole role, List<UnitCost> costs) {

    public CostCard {
        costs = costs == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(costs));
    }

    public Optional<UnitCost> costOf(String model, String unit) {
        return costs.stream().filter(c -> c.model().equals(model) && c.unit().equals(unit)).findFirst();
    }

    public String reference() {
        return cardId + "@v" + version;
    }
}
