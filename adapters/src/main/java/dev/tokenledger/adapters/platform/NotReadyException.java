package dev.tokenledger.adapters.platform;

/** The ledger cannot answer yet (projections catching up, a rebuild, no free database connection): 503, retry later. */
public class NotReadyException extends RuntimeException {

    private final long retryAfterSeconds;

    public NotReadyException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
