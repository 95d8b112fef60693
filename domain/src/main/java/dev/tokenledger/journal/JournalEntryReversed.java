package dev.tokenledger.journal;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;
/** Marks an entry as reversed by {@code reversalEntryId}; the reversing entry itself posts in its own stream. */
@Revision(EventRevisions.CURRENT)
public record JournalEntryReversed(String entryId, String reversalEntryId, String inputHash) {
}
