package dev.tokenledger.journal;

/** The mirror of an earlier entry was posted as a new entry linked to it. */
public record ReversalEntryPosted(PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
}
