package dev.tokenledger.journal;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

/**
 * Reverse an entry with a new entry that mirrors it. {@code reversalEntryId} is chosen by the client and is the
 * idempotency key of this request.
 */
public record ReverseJournalEntry(@TargetAggregateIdentifier String entryId, String reversalEntryId,
                                  LocalDate effectiveDate, String reason) implements ClientRequest {

    @Override
    public String clientRequestId() {
        return reversalEntryId;
    }

    @Override
    public String targetField() {
        return "entryId";
    }
}
