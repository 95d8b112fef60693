package dev.tokenledger.kernel;

import dev.tokenledger.rejection.LedgerRejection;

/**
 * A command a client sends: it carries the id the client chose for it (its idempotency key), which the audit trail
 * records next to the events it causes.
 */
public interface ClientRequest {

    /** The id the client chose for this request (entry id, purchase id, request id ...). */
    String clientRequestId();

    /**
     * The refusal to give when the aggregate this command addresses does not exist yet (no wallet for the customer,
     * no entry with the id), or null when the command creates its aggregate.
     */
    default LedgerRejection whenTargetMissing() {
        return null;
    }

    /**
     * The request field the addressed aggregate's id is made of (customerId for a wallet, entryId for an entry ...):
     * an id that could not even be looked up is refused naming it, before any aggregate is loaded.
     */
    default String targetField() {
        return "id";
    }
}
