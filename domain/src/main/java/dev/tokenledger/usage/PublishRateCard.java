package dev.tokenledger.usage;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/**
 * Publish version {@code version} of a rate card (1 for a new card, then the last version plus one), effective from
 * a date no earlier than the last version's. Publishing the same version with the same content again is a no-op.
 */
public record PublishRateCard(String cardId, int version, LocalDate effectiveFrom, String currency, String customerId,
                              List<UnitPrice> prices) implements ClientRequest {

    @Override
    public String clientRequestId() {
        return cardId + "@v" + version;
    }

    @TargetAggregateIdentifier
    public String catalogId() {
        return PricingCatalog.ID;
    }
}
