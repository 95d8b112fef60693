package dev.tokenledger.journal;

import dev.tokenledger.kernel.EventRevisions;
import org.axonframework.serialization.Revision;
/** The mirror of an earlier entry was posted as a new entry linked to it. */
@Revision(EventRevisions.CURRENT)
public record ReversalEntryPosted(PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
}
