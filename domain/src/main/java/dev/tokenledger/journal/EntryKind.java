package dev.tokenledger.journal;

public enum EntryKind {
    /** An adjustment an accountant posted by hand, with a reason. */
    MANUAL,
    /** The mirror of an earlier entry, linked to it. */
    REVERSAL
}
