package dev.tokenledger.journal;

public enum EntryKind {
    /** An adjustment an accountant posted by hand, with a reason. */
    MANUAL,
    /** The mirror of an earlier entry, linked to it. */
    REVERSAL,
    /** Posted by a business event (credit purchase, usage draw, expiry, ...) under a documented policy. */
    BUSINESS_EVENT
}
