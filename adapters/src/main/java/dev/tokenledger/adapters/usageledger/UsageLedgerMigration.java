package dev.tokenledger.adapters.usageledger;

import dev.tokenledger.adapters.usageledger.UsageLedgerTables.Block;
import dev.tokenledger.adapters.usageledger.UsageLedgerTables.Key;
import dev.tokenledger.adapters.usageledger.UsageLedgerTables.MigrationState;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Moves an older ledger's row-per-record usage data (Flyway V9/V10 tables) into blocks, posting by posting, each in
 * its own transaction: the posting's blocks, keys and daily totals are written, every record is read back from its
 * block and compared with its row, and the key's fingerprint with the old one; then the progress row moves on. The
 * blocks say which postings are done, so a run that stops (crash, restart, kill) resumes where it was. When every
 * posting is in blocks and the records tie to their postings, the state is COMPLETE and the old tables are no longer
 * read (they are left in place for the operator to drop after a backup; README "Usage ledger in blocks").
 * <p>
 * Runs by itself after start-up when old rows are waiting ({@code ledger.usage-ledger.migrate-on-start}, default
 * true), or on {@code POST /api/v1/admin/usage-ledger/migration}; progress at {@code GET} of the same path. Ingestion
 * and reads go on meanwhile: until COMPLETE they also consult the old tables for postings not yet moved.
 */
@Component
public class UsageLedgerMigration {

    public static final String COMPLETE = "COMPLETE";
    public static final String RUNNING = "RUNNING";
    public static final String FAILED = "FAILED";
    public static final String NOT_NEEDED = "NOT_NEEDED";
    private static final Logger log = LoggerFactory.getLogger(UsageLedgerMigration.class);
    /** Postings listed per query of the old tables (each listing reads them whole, so few and large). */
    private static final int PAGE = 100_000;

    private final DSLContext db;
    private final UsageLedger ledger;
    private final TransactionTemplate transactions;
    private final boolean migrateOnStart;
    private final AtomicBoolean running = new AtomicBoolean();

    public UsageLedgerMigration(DSLContext db, UsageLedger ledger, PlatformTransactionManager transactionManager,
                                @Value("${ledger.usage-ledger.migrate-on-start:true}") boolean migrateOnStart) {
        this.db = db;
        this.ledger = ledger;
        this.transactions = new TransactionTemplate(transactionManager);
        this.migrateOnStart = migrateOnStart;
    }

    /** Where the move stands: records and postings moved of those the old tables hold. */
    public record Progress(String state, long legacyRecords, long migratedRecords, long migratedPostings,
                           String percent, boolean running, String startedAt, String updatedAt, String finishedAt,
                           String detail) {
    }

    public Progress progress() {
        var row = db.selectFrom(MigrationState.TABLE).fetchOne();
        if (row == null) {
            boolean waiting = ledger.legacy().hasRows();
            return new Progress(waiting ? "PENDING" : NOT_NEEDED, waiting ? ledger.legacy().count() : 0, 0, 0,
                    waiting ? "0.0" : "100.0", running.get(), null, null, null, null);
        }
        long legacy = row.get(MigrationState.LEGACY_RECORDS);
        long migrated = row.get(MigrationState.MIGRATED_RECORDS);
        String percent = legacy == 0 ? "100.0" : java.math.BigDecimal.valueOf(migrated * 1000 / legacy, 1).toPlainString();
        return new Progress(row.get(MigrationState.STATE), legacy, migrated, row.get(MigrationState.MIGRATED_POSTINGS),
                percent, running.get(), text(row.get(MigrationState.STARTED_AT)), text(row.get(MigrationState.UPDATED_AT)),
                text(row.get(MigrationState.FINISHED_AT)), row.get(MigrationState.DETAIL));
    }

    @EventListener(ApplicationReadyEvent.class)
    public void migrateIfWaiting() {
        if (migrateOnStart && ledger.legacyInUse()) {
            startInBackground();
        }
    }

    /** Starts the move on a background thread unless one runs here already; returns the progress. */
    public Progress startInBackground() {
        if (ledger.legacyInUse() && running.compareAndSet(false, true)) {
            Thread worker = new Thread(() -> {
                try {
                    migrate(Integer.MAX_VALUE);
                } catch (RuntimeException e) {
                    log.error("usage ledger migration stopped; it resumes where it was on the next start or POST", e);
                } finally {
                    running.set(false);
                }
            }, "usage-ledger-migration");
            worker.setDaemon(true);
            worker.start();
        }
        return progress();
    }

    /**
     * Moves up to {@code maxPostings} postings into blocks (all when {@link Integer#MAX_VALUE}); when none is left,
     * checks the ties and marks the move COMPLETE (or FAILED, naming the month that does not tie). Returns how many
     * postings it moved.
     */
    public int migrate(int maxPostings) {
        LegacyUsageRows legacy = ledger.legacy();
        if (!legacy.hasRows()) {
            return 0;
        }
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        long legacyRecords = legacy.count();
        int inserted = db.insertInto(MigrationState.TABLE, MigrationState.ID, MigrationState.STATE, MigrationState.LEGACY_RECORDS,
                        MigrationState.MIGRATED_RECORDS, MigrationState.MIGRATED_POSTINGS, MigrationState.STARTED_AT, MigrationState.UPDATED_AT)
                .values((short) 1, RUNNING, legacyRecords, 0L, 0L, now, now).onConflictDoNothing().execute();
        if (inserted == 0) {
            db.update(MigrationState.TABLE).set(MigrationState.STATE, RUNNING).set(MigrationState.UPDATED_AT, now)
                    .set(MigrationState.DETAIL, (String) null).where(MigrationState.STATE.ne(COMPLETE)).execute();
        }
        int moved = 0;
        List<String> after = null;
        while (moved < maxPostings) {
            List<List<String>> postings = legacy.unmigratedPostings(after, Math.min(PAGE, maxPostings - moved));
            if (postings.isEmpty()) {
                finish();
                break;
            }
            for (List<String> posting : postings) {
                if (movePosting(posting.get(0), posting.get(1))) {
                    moved++;
                }
                after = posting;
            }
            log.info("usage ledger migration: {}", progress());
        }
        return moved;
    }

    /** One posting in one transaction; false when another run moved it first. */
    private boolean movePosting(String postingId, String customerId) {
        try {
            return Boolean.TRUE.equals(transactions.execute(status -> {
                if (db.fetchExists(Block.TABLE, Block.POSTING_ID.eq(postingId).and(Block.CUSTOMER_ID.eq(customerId)))) {
                    return false;
                }
                List<LedgerRecord> rows = ledger.legacy().recordsOfPosting(postingId, customerId, Integer.MAX_VALUE, 0);
                ledger.append(rows, true);
                verify(postingId, customerId, rows);
                db.update(MigrationState.TABLE)
                        .set(MigrationState.MIGRATED_RECORDS, MigrationState.MIGRATED_RECORDS.plus((long) rows.size()))
                        .set(MigrationState.MIGRATED_POSTINGS, MigrationState.MIGRATED_POSTINGS.plus(1L))
                        .set(MigrationState.UPDATED_AT, Instant.now().atOffset(ZoneOffset.UTC)).execute();
                return true;
            }));
        } catch (RuntimeException e) {
            if (duplicateKey(e)) {
                return false; // another instance moved this posting in the meantime
            }
            throw e;
        }
    }

    /** Every record read back from its block equals its row; every key carries the row's fingerprint. */
    private void verify(String postingId, String customerId, List<LedgerRecord> rows) {
        List<LedgerRecord> back = ledger.storedOfPosting(postingId, customerId, Integer.MAX_VALUE, 0);
        // keys by record id (their primary key; the key table has no index on the block, nothing else needs one)
        java.util.Set<Long> blocks = new java.util.HashSet<>(db.select(Block.BLOCK_ID).from(Block.TABLE)
                .where(Block.POSTING_ID.eq(postingId)).and(Block.CUSTOMER_ID.eq(customerId)).fetch(Block.BLOCK_ID));
        Map<String, Long> keys = new HashMap<>();
        List<String> ids = rows.stream().map(LedgerRecord::recordId).toList();
        for (int from = 0; from < ids.size(); from += 5_000) {
            db.select(Key.RECORD_ID, Key.FINGERPRINT, Key.BLOCK_ID).from(Key.TABLE)
                    .where(Key.RECORD_ID.in(ids.subList(from, Math.min(ids.size(), from + 5_000))))
                    .forEach(r -> {
                        if (blocks.contains(r.value3())) {
                            keys.put(r.value1(), r.value2());
                        }
                    });
        }
        if (back.size() != rows.size() || keys.size() != rows.size()) {
            throw new IllegalStateException("posting " + postingId + ": " + rows.size() + " rows, " + back.size()
                    + " records read back, " + keys.size() + " keys");
        }
        for (int i = 0; i < rows.size(); i++) {
            LedgerRecord row = rows.get(i);
            LedgerRecord read = back.get(i);
            if (!withoutFingerprint(row).equals(read) || keys.get(row.recordId()) != row.fingerprint()) {
                throw new IllegalStateException("record " + row.recordId() + " of posting " + postingId
                        + " does not read back as it was stored");
            }
        }
    }

    private static LedgerRecord withoutFingerprint(LedgerRecord r) {
        return new LedgerRecord(r.recordId(), r.customerId(), r.endUserId(), r.occurredAt(), r.usageDate(), r.model(),
                r.feature(), r.provider(), r.inputTokens(), r.outputTokens(), r.cachedTokens(), r.otherUnits(),
                r.metadata(), r.currency(), r.exactValue(), r.exactCost(), r.costRole(), r.rateCards(), r.costCard(),
                r.postingId(), r.entryId(), r.batchId(), r.recordedAt(), 0L);
    }

    private void finish() {
        var months = db.select(DSL.min(Block.USAGE_MONTH), DSL.max(Block.USAGE_MONTH)).from(Block.TABLE).fetchOne();
        String detail = null;
        if (months != null && months.value1() != null) {
            detail = ledger.recordTies(YearMonth.parse(months.value1()), YearMonth.parse(months.value2()), true).stream()
                    .filter(t -> !t.ties()).findFirst()
                    .map(t -> "records of " + t.usageMonth() + " " + t.currency() + " do not tie to their postings: "
                            + t.records() + " records against " + t.postedRecords() + " posted").orElse(null);
            var notEqual = ledger.monthlyTotalsNotEqualToBlocks(YearMonth.parse(months.value1()), YearMonth.parse(months.value2()));
            if (detail == null && !notEqual.isEmpty()) {
                detail = "monthly totals of " + String.join(", ", notEqual) + " do not equal the blocks they sum";
            }
        }
        long movedRecords = db.select(DSL.coalesce(DSL.sum(Block.RECORDS), java.math.BigDecimal.ZERO)).from(Block.TABLE)
                .where(Block.MIGRATED.isTrue()).fetchOne(0, Long.class);
        long legacyRecords = ledger.legacy().count();
        if (detail == null && movedRecords != legacyRecords) {
            detail = movedRecords + " records moved into blocks of " + legacyRecords + " held in rows";
        }
        OffsetDateTime now = Instant.now().atOffset(ZoneOffset.UTC);
        db.update(MigrationState.TABLE).set(MigrationState.STATE, detail == null ? COMPLETE : FAILED)
                .set(MigrationState.MIGRATED_RECORDS, movedRecords).set(MigrationState.LEGACY_RECORDS, legacyRecords)
                .set(MigrationState.UPDATED_AT, now).set(MigrationState.FINISHED_AT, detail == null ? now : null)
                .set(MigrationState.DETAIL, detail).execute();
        if (detail == null) {
            log.info("usage ledger migration complete: {} records in blocks", movedRecords);
        } else {
            log.error("usage ledger migration FAILED its final check: {}", detail);
        }
    }

    private static boolean duplicateKey(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof DuplicateKeyException
                    || (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    private static String text(OffsetDateTime t) {
        return t == null ? null : t.toInstant().toString();
    }
}
