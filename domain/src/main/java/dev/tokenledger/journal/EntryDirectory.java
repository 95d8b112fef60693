package dev.tokenledger.journal;

/** Tells whether an entry id is taken, so a reversal never lands on an id another entry already has. */
public interface EntryDirectory {

    boolean exists(String entryId);
}
