package dev.tokenledger.adapters.usage;

import dev.tokenledger.rejection.RejectionCode;

import java.util.List;

/**
 * Decides, batch by batch, whether a file import looks a batch's record ids up in the usage ledger before ingesting
 * it. The look-up only saves work: exactly-once rests on the key table's primary key, which fails the batch's
 * transaction on an id already held, after which the batch runs again with the look-up inside its transaction
 * ({@link UsageIngestion#ingest}). So while batches keep arriving with ids the ledger has never seen, the look-up
 * (PostgreSQL's CPU for one primary-key probe per record, about 2 µs of the 26 µs a record costs at 5 million
 * records: BENCHMARKS.md, "The look-up skipped while batches are new") is skipped; a batch that meets an id already
 * held is paid for twice, so after each such miss the import looks up for twice as many clean batches before it
 * skips again.
 * <p>
 * The first batch is always looked up (a file imported again after a crash starts with batches already held), and so
 * is every batch when the key table is not the only record of the ids held (an older ledger's row-per-record tables
 * not yet migrated) or the store is not PostgreSQL. The reader decides one batch ahead of the ingestion, so one more
 * batch may go unlooked-up after a miss. Thread-safe: the reader asks, the ingesting thread reports.
 */
final class KeyLookAhead {

    /** Clean batches in a row needed, at most, before the look-up is skipped again. */
    static final int MAX_CLEAN_BATCHES_REQUIRED = 64;

    private final boolean mayBeSkipped;
    private int cleanBatchesInARow;
    private int cleanBatchesRequired = 1;
    private long skipped;
    private long missed;

    KeyLookAhead(boolean mayBeSkipped) {
        this.mayBeSkipped = mayBeSkipped;
    }

    /** Whether the next batch's ids are to be looked up before it is ingested (false: it is assumed new). */
    synchronized boolean lookUpNext() {
        boolean lookUp = !mayBeSkipped || cleanBatchesInARow < cleanBatchesRequired;
        if (!lookUp) {
            skipped++;
        }
        return lookUp;
    }

    /**
     * What a committed batch met. A batch that was assumed new and met ids already held ran twice (its first
     * transaction failed on the key table), so the look-up is needed for longer before it is skipped again.
     */
    synchronized void committed(boolean lookedUp, List<UsageIngestion.BatchResult> results) {
        if (!metHeldIds(results)) {
            cleanBatchesInARow++;
            return;
        }
        cleanBatchesInARow = 0;
        if (!lookedUp) {
            missed++;
            cleanBatchesRequired = Math.min(MAX_CLEAN_BATCHES_REQUIRED, cleanBatchesRequired * 2);
        }
    }

    synchronized long skipped() {
        return skipped;
    }

    synchronized long missed() {
        return missed;
    }

    /** Duplicates or conflicting resends: ids the usage ledger (or the batch itself) already held. */
    static boolean metHeldIds(List<UsageIngestion.BatchResult> results) {
        for (UsageIngestion.BatchResult result : results) {
            if (result.duplicates() > 0) {
                return true;
            }
            for (UsageIngestion.Rejection r : result.rejected()) {
                if (RejectionCode.IDEMPOTENCY_KEY_REUSED.name().equals(r.code())) {
                    return true;
                }
            }
        }
        return false;
    }
}
