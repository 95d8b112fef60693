package dev.tokenledger.journal;

/** An accountant's adjustment was posted. {@code inputHash} fingerprints the request for idempotency. */
public record ManualEntryPosted(PostedEntry journalEntry, String inputHash) implements PostsJournalEntry {
}
