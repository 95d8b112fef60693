package dev.tokenledger.journal;

import dev.tokenledger.kernel.ClientRequest;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/**
 * Post a manual journal entry (an adjustment). The entry id is chosen by the client and is the idempotency key:
 * the same id with the same content is a no-op that returns the first result.
 */
public record PostJournalEntry(@TargetAggregateIdentifier String entryId, LocalDate effectiveDate, String memo,
                               String reason, List<JournalLineRequest> lines) implements ClientRequest {

    public PostJournalEntry {
        lines = lines == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(lines));
    }

    @Override
    public String clientRequestId() {
        return entryId;
    }

    @Override
    public String targetField() {
        return "entryId";
    }
}
