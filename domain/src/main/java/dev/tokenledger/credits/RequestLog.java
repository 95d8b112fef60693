package dev.tokenledger.credits;

import dev.tokenledger.kernel.ProcessedRequests;
import dev.tokenledger.kernel.WalletIds;

import java.util.function.Supplier;

/**
 * The requests a wallet has carried out, shared by its members: every wallet command runs through {@link #once}, so
 * a retry under the same request id with the same content returns the first result and posts nothing, and the same
 * id with other content is refused.
 */
final class RequestLog {

    private final ProcessedRequests processed = new ProcessedRequests();

    /** Runs {@code command} unless {@code requestId} was already carried out with this fingerprint. */
    Wallet.WalletResult once(String customerId, String requestId, String fingerprint,
                             Supplier<Wallet.WalletResult> command) {
        if (processed.isRetry(requestId, fingerprint, "requestId")) {
            return new Wallet.WalletResult(requestId, WalletIds.entryId(customerId, requestId), true);
        }
        return command.get();
    }

    /** Whether {@code requestId} was already carried out with this fingerprint (IDEMPOTENCY_KEY_REUSED otherwise). */
    boolean isRetry(String requestId, String fingerprint, String field) {
        return processed.isRetry(requestId, fingerprint, field);
    }

    void record(String requestId, String fingerprint) {
        processed.record(requestId, fingerprint);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestLog other && processed.equals(other.processed);
    }

    @Override
    public int hashCode() {
        return processed.hashCode();
    }
}
