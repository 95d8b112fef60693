package dev.tokenledger.usage;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/** Publish version {@code version} of a cost card: a provider's unit costs of its models, from a date. */
public record PublishCostCard(String cardId, int version, LocalDate effectiveFrom, String currency, String provider,
                              CostRole role, List<UnitCost> costs) implements ClientRequest {

    @Override
    public String clientRequestId() {
        return cardId + "@v" + version;
    }

    @TargetAggregateIdentifier
    public String catalogId() {
        return PricingCatalog.ID;
    }
}
