package dev.tokenledger.journal;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;
/** An accountant's adjustment was posted. {@code inputHash} fingerprints the request for idempotency. */
@Revision(EventRevisions.CURRENT)
public record ManualEntryPosted(PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
}
