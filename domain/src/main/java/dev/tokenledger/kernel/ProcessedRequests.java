package dev.tokenledger.kernel;

import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;

import java.util.HashMap;
import java.util.Map;

/**
 * The client request ids an aggregate has carried out, with the fingerprint of each request. The same id with
 * the same fingerprint is a retry (a no-op that returns the first result); the same id with another fingerprint
 * is refused. Part of the aggregate's event-sourced state.
 */
public final class ProcessedRequests {

    private final Map<String, String> fingerprints = new HashMap<>();

    /**
     * @return true when {@code requestId} was already carried out with this fingerprint
     * @throws LedgerRejection IDEMPOTENCY_KEY_REUSED when it was carried out with another
     */
    public boolean isRetry(String requestId, String fingerprint, String field) {
        String earlier = requestId == null ? null : fingerprints.get(requestId);
        if (earlier == null) {
            return false;
        }
        if (!earlier.equals(fingerprint)) {
            throw LedgerRejection.of(RejectionCode.IDEMPOTENCY_KEY_REUSED, field,
                    "request " + requestId + " was already used for a different request");
        }
        return true;
    }

    public void record(String requestId, String fingerprint) {
        fingerprints.put(requestId, fingerprint);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessedRequests other && fingerprints.equals(other.fingerprints);
    }

    @Override
    public int hashCode() {
        return fingerprints.hashCode();
    }
}
