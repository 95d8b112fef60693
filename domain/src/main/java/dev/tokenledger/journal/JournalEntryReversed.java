package dev.tokenledger.journal;

/** Marks an entry as reversed by {@code reversalEntryId}; the reversing entry itself posts in its own stream. */
public record JournalEntryReversed(String entryId, String reversalEntryId, String inputHash) {
}
