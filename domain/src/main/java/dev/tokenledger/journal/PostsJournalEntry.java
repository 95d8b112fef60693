package dev.tokenledger.journal;

/** An event that posts one journal entry to the general ledger. Projections handle every such event alike. */
public interface PostsJournalEntry {

    PostedEntry journalEntry();
}
