package dev.tokenledger.adapters.usage;

import dev.tokenledger.adapters.usageledger.LedgerRecord;
import dev.tokenledger.adapters.usageledger.UsageLedger;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.usage.RecordUsage;
import dev.tokenledger.usage.UsageOutcome;
import dev.tokenledger.usage.UsageRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Ingests a batch of usage records exactly once. In one database transaction it drops duplicates (by record id,
 * against the usage ledger and within the batch), prices, costs and posts the new records through each customer's
 * wallet, and appends them to the usage ledger with the posting they went into. A crash at any point leaves either
 * all of that or none of it, so re-sending the batch is always safe. A record that is malformed, conflicts with an
 * earlier one of the same id, or cannot be priced is rejected alone; the rest of the batch proceeds.
 */
@Component
public class UsageIngestion {

    private static final Logger log = LoggerFactory.getLogger(UsageIngestion.class);
    private static final int ATTEMPTS = 5;

    private final CommandGateway commands;
    private final TransactionManager transactionManager;
    private final UsageLedger ledger;

    public UsageIngestion(CommandGateway commands, TransactionManager transactionManager, UsageLedger ledger) {
        this.commands = commands;
        this.transactionManager = transactionManager;
        this.ledger = ledger;
    }

    /** Why one record was not accepted; {@code position} is its index in the batch or its line in a file. */
    public record Rejection(long position, String id, String code, String field, String detail) {
    }

    /** A posting the batch made: the journal entry carrying one customer's usage of one month. */
    public record PostingMade(String customerId, String postingId, String entryId, int records) {
    }

    public record BatchResult(String batchId, int received, int accepted, int duplicates, List<Rejection> rejected,
                              List<PostingMade> postings) {
    }

    public BatchResult ingest(List<UsageRecordParser.Parsed> batch) {
        return ingest(batch, null);
    }

    /**
     * @param knownBeforehand the fingerprints the batch's ids had in the usage ledger when looked up before this
     *                        call (null: look them up here). Used by the first attempt only; a record committed since
     *                        then fails the COPY on its key, and the next attempt looks up again in its transaction.
     */
    public BatchResult ingest(List<UsageRecordParser.Parsed> batch, Map<String, Long> knownBeforehand) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return ingestOnce(batch, attempt == 1 ? knownBeforehand : null);
            } catch (RuntimeException e) {
                if (!retryable(e)) {
                    throw e;
                }
                // an id already held (a batch ingested without its look-up, or another writer took the same record id
                // first) or a wallet another writer moved: run again, the ids held are now looked up and duplicates
                last = e;
                log.info("usage batch met a record id or wallet already taken (attempt {}), retrying with its ids looked up: {}",
                        attempt, e.toString());
                try {
                    // jittered, so that two writers that collided do not collide again in step
                    Thread.sleep(20L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextLong(20L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    /**
     * One attempt, in one transaction. Each loop over the batch's records is a method of its own: the JIT compiles a
     * long-running loop on the spot (on-stack replacement) together with everything around it, and with every loop
     * in this method it compiled the whole method five to eight times over a run, about 5 s of the compiler's time
     * in a 2-million-record import (BENCHMARKS.md, "The JIT's fixed cost").
     */
    private BatchResult ingestOnce(List<UsageRecordParser.Parsed> batch, Map<String, Long> knownBeforehand) {
        Attempt attempt = new Attempt(newBatchId(), batch.size());
        attempt.group(batch);
        // fixed order: wallets are locked and posted in it, so two writers cannot deadlock
        Map<String, List<UsageRecordParser.Parsed>> byCustomer = new TreeMap<>(attempt.grouped);

        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        try {
            ledger.lockWallets(byCustomer.keySet());
            Map<String, Long> known = knownBeforehand != null ? knownBeforehand : ledger.knownFingerprints(attempt.first.keySet());
            attempt.startPosting(known);
            long commandsStarted = System.nanoTime();
            for (Map.Entry<String, List<UsageRecordParser.Parsed>> customer : byCustomer.entrySet()) {
                attempt.post(customer.getKey(), customer.getValue());
            }
            attempt.resolveRepeats();
            long appendStarted = System.nanoTime();
            ledger.append(attempt.rows);
            long commitStarted = System.nanoTime();
            unitOfWork.commit();
            if (log.isDebugEnabled()) {
                log.debug("usage batch {}: {} records, pricing and posting {} ms, usage ledger append {} ms, commit {} ms",
                        attempt.batchId, attempt.rows.size(), (appendStarted - commandsStarted) / 1_000_000,
                        (commitStarted - appendStarted) / 1_000_000, (System.nanoTime() - commitStarted) / 1_000_000);
            }
            attempt.rejected.sort(java.util.Comparator.comparingLong(Rejection::position));
            return new BatchResult(attempt.batchId, batch.size(), attempt.rows.size(), attempt.duplicates,
                    attempt.rejected, attempt.postings);
        } catch (RuntimeException e) {
            if (unitOfWork.isActive()) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
    }

    /** What one attempt at a batch has found and decided so far. */
    private final class Attempt {
        final String batchId;
        final List<Rejection> rejected = new ArrayList<>();
        int duplicates;
        /**
         * First occurrence of each id in the batch; later ones are duplicates or conflicts. One map over the whole
         * batch (the within-batch check) and small ones per customer: a look-up in a map of 200,000 ids costs a few
         * cache misses, about 0.4 µs a record in a JFR profile of the 2-million-record benchmark (BENCHMARKS.md,
         * "Fewer look-ups in maps of the whole batch").
         */
        final Map<String, UsageRecordParser.Parsed> first;
        /** The first occurrences grouped by customer, in the batch's order. */
        final Map<String, List<UsageRecordParser.Parsed>> grouped = new HashMap<>();
        final List<UsageRecordParser.Parsed> repeats = new ArrayList<>();
        final List<PostingMade> postings = new ArrayList<>();
        final Map<String, Rejection> rejectedById = new HashMap<>();
        Map<String, Long> known;
        List<LedgerRecord> rows;
        /** Only a batch repeating an id needs to know what was accepted under it. */
        Map<String, Long> acceptedFingerprints;
        Instant now;

        Attempt(String batchId, int size) {
            this.batchId = batchId;
            this.first = HashMap.newHashMap(size);
        }

        void group(List<UsageRecordParser.Parsed> batch) {
            for (UsageRecordParser.Parsed p : batch) {
                if (p.rejection() != null) {
                    rejected.add(p.rejection());
                } else if (first.putIfAbsent(p.record().recordId(), p) != null) {
                    repeats.add(p);
                } else {
                    grouped.computeIfAbsent(p.record().customerId(), k -> new ArrayList<>()).add(p);
                }
            }
        }

        void startPosting(Map<String, Long> knownFingerprints) {
            known = knownFingerprints;
            rows = new ArrayList<>(first.size());
            acceptedFingerprints = repeats.isEmpty() ? null : new HashMap<>();
            now = Instant.now().truncatedTo(ChronoUnit.MICROS); // as precise as PostgreSQL keeps it
        }

        /** Prices and posts one customer's new records through its wallet, and lists them for the usage ledger. */
        void post(String customerId, List<UsageRecordParser.Parsed> records) {
            Map<String, UsageRecordParser.Parsed> fresh = HashMap.newHashMap(records.size());
            List<UsageRecord> toPost = freshRecords(records, fresh);
            if (toPost.isEmpty()) {
                return;
            }
            UsageOutcome outcome = commands.sendAndWait(new RecordUsage(customerId, batchId, toPost));
            for (UsageOutcome.Rejected r : outcome.rejected()) {
                Rejection rejection = new Rejection(fresh.get(r.recordId()).position(), r.recordId(), r.code().name(),
                        r.field(), r.detail());
                rejected.add(rejection);
                rejectedById.put(r.recordId(), rejection);
            }
            addRows(customerId, outcome.priced(), fresh);
        }

        /** The records whose ids the usage ledger does not hold; the others are duplicates or conflicts. */
        private List<UsageRecord> freshRecords(List<UsageRecordParser.Parsed> records,
                                               Map<String, UsageRecordParser.Parsed> fresh) {
            List<UsageRecord> toPost = new ArrayList<>(records.size());
            for (UsageRecordParser.Parsed p : records) {
                Long earlier = known.isEmpty() ? null : known.get(p.record().recordId());
                if (earlier == null) {
                    fresh.put(p.record().recordId(), p);
                    toPost.add(p.record());
                } else if (earlier == UsageLedger.fingerprint64(p.record().fingerprint())) {
                    duplicates++;
                } else {
                    rejected.add(conflict(p));
                }
            }
            return toPost;
        }

        private void addRows(String customerId, List<UsageOutcome.Priced> priced,
                             Map<String, UsageRecordParser.Parsed> fresh) {
            Map<String, int[]> perPosting = new LinkedHashMap<>();
            Map<String, String> entryOf = new HashMap<>();
            for (UsageOutcome.Priced record : priced) {
                LedgerRecord row = row(fresh.get(record.recordId()), record, batchId, now);
                rows.add(row);
                if (acceptedFingerprints != null) {
                    acceptedFingerprints.put(record.recordId(), row.fingerprint());
                }
                perPosting.computeIfAbsent(record.postingId(), k -> new int[1])[0]++;
                entryOf.put(record.postingId(), record.entryId());
            }
            perPosting.forEach((posting, n) -> postings.add(new PostingMade(customerId, posting, entryOf.get(posting), n[0])));
        }

        /** A later occurrence of an id in the batch: a duplicate of what was accepted, the same rejection, or a conflict. */
        void resolveRepeats() {
            for (UsageRecordParser.Parsed p : repeats) {
                String id = p.record().recordId();
                Long accepted = acceptedFingerprints.getOrDefault(id, known.get(id));
                // a rejected id was the first occurrence of its id in this batch, sent to the wallet
                if (rejectedById.containsKey(id) && first.get(id).record().fingerprint().equals(p.record().fingerprint())) {
                    Rejection again = rejectedById.get(id);
                    rejected.add(new Rejection(p.position(), id, again.code(), again.field(), again.detail()));
                } else if (accepted != null && accepted == UsageLedger.fingerprint64(p.record().fingerprint())) {
                    duplicates++;
                } else {
                    rejected.add(conflict(p));
                }
            }
        }
    }

    /**
     * Whether the usage ledger's key table is the only record of the ids it holds, so that its primary key alone
     * refuses a second copy of a record (a batch may then be ingested without looking its ids up first: its
     * transaction fails on an id held and {@link #ingest} runs it again with the look-up). False on an older ledger
     * whose row-per-record tables are not migrated yet, and on H2 (the embedded demo), which always looks up.
     */
    public boolean keyTableHoldsEveryId() {
        return ledger.keyTableHoldsEveryId();
    }

    /** The fingerprints the usage ledger holds for these ids (looked up ahead of a batch by the file import). */
    public Map<String, Long> knownFingerprints(java.util.Collection<String> ids) {
        return ledger.knownFingerprints(ids);
    }

    /**
     * "b", the time in milliseconds as 12 hex digits, then 12 random ones. Later batches sort after earlier ones, so
     * postings list in the order they were made and the posting index grows at its end.
     */
    static String newBatchId() {
        String random = UUID.randomUUID().toString(); // xxxxxxxx-xxxx-4xxx-...: the first 12 hex digits are random
        return "b" + HexFormat.of().toHexDigits(System.currentTimeMillis()).substring(4)
                + random.substring(0, 8) + random.substring(9, 13);
    }

    private static Rejection conflict(UsageRecordParser.Parsed p) {
        return new Rejection(p.position(), p.record().recordId(), RejectionCode.IDEMPOTENCY_KEY_REUSED.name(), "id",
                "record " + p.record().recordId() + " was already received with different content");
    }

    private static LedgerRecord row(UsageRecordParser.Parsed p, UsageOutcome.Priced priced, String batchId, Instant now) {
        UsageRecord r = p.record();
        // one walk over the (sorted) quantities instead of three look-ups by name
        long input = 0;
        long output = 0;
        long cached = 0;
        for (Map.Entry<String, Long> q : r.quantities().entrySet()) {
            switch (q.getKey()) {
                case UsageRecord.INPUT_TOKENS -> input = q.getValue();
                case UsageRecord.OUTPUT_TOKENS -> output = q.getValue();
                case UsageRecord.CACHED_TOKENS -> cached = q.getValue();
                default -> { } // other units are kept as their text (p.otherUnitsText())
            }
        }
        return new LedgerRecord(r.recordId(), r.customerId(), r.endUserId(), r.occurredAt(), r.usageDate(), r.model(),
                r.feature(), r.provider(), input, output, cached, p.otherUnitsText(), p.metadata(),
                priced.currency(), priced.value(), priced.cost(), priced.costRole().name(), priced.rateCards(),
                priced.costCard(), priced.postingId(), priced.entryId(), batchId, now,
                UsageLedger.fingerprint64(r.fingerprint()));
    }

    /** Conflicts with a concurrent writer (same record id, same wallet): safe to run again. */
    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && Set.of("23505", "40001", "40P01").contains(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
