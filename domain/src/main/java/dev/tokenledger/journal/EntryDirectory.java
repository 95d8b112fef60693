package dev.tokenledger.journal;

import java.util.Optional;

/**
 * Which journal entries exist and how each was posted, whatever aggregate posted it (a manual entry, a wallet, a cost
 * document, a contract). The journal asks it before reversing an entry and before giving a new entry an id.
 */
public interface EntryDirectory {

    /** Whether an entry (or any event stream) already uses this id. */
    boolean exists(String entryId);

    /** How the entry with this id was posted, if the ledger has it (none known by default). */
    default Optional<EntryKind> kindOf(String entryId) {
        return Optional.empty();
    }
}
