package dev.tokenledger.adapters.usageledger;

import dev.tokenledger.adapters.usageledger.UsageBlockCodec.Encoded;
import dev.tokenledger.adapters.usageledger.UsageBlockCodec.Shared;
import dev.tokenledger.adapters.usageledger.UsageLedgerTables.Block;
import dev.tokenledger.adapters.usageledger.UsageLedgerTables.Daily;
import dev.tokenledger.adapters.usageledger.UsageLedgerTables.Key;
import dev.tokenledger.adapters.usageledger.UsageLedgerTables.MigrationState;
import dev.tokenledger.adapters.usageledger.UsageLedgerTables.MonthTotal;
import dev.tokenledger.projections.usage.UsageTables.PostingMonth;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Sequence;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The usage ledger: every accepted usage record, priced, costed and linked to its posting, with its exactly-once key.
 * Source data kept beside the event store (backed up with it, never rebuilt from it, never updated or deleted): the
 * events carry each posting's totals, the records themselves live only here. Written in the caller's transaction,
 * the same one that appends the posting events, so a record and its posting commit together or not at all.
 * <p>
 * Stored in blocks (docs/scaling.md, ARCHITECTURE.md "Usage ledger"): a posting's records, in time order, at most
 * {@value #BLOCK_RECORDS} to a block, encoded by {@link UsageBlockCodec}; one key row per record id (its 64-bit
 * fingerprint and its block) keeps exactly-once forever; daily totals per block, day, model, feature and cost role.
 */
@Component
public class UsageLedger {

    /** Records per block at most: one look-up decodes one block (about 0.5 ms at this size on the CI machine). */
    public static final int BLOCK_RECORDS = 4_096;
    private static final int KEY_LOOKUP_CHUNK = 5_000;
    private static final Sequence<Long> BLOCK_IDS = DSL.sequence(DSL.name("usage_block_seq"), SQLDataType.BIGINT);
    private static final String COPY_KEYS = CopyBinaryKeyWriter.copyStatement("usage_key", "record_id", "fingerprint", "block_id");
    private static final String COPY_BLOCKS = "COPY usage_block (" + names(Block.COLUMNS) + ") FROM STDIN";
    private static final String COPY_DAILY = "COPY usage_daily (" + names(Daily.COLUMNS) + ") FROM STDIN";
    /** Time, then id. Written out: the composed {@code Comparator.comparing} form was 3 % of the ingestion's samples. */
    private static final Comparator<LedgerRecord> LISTING_ORDER = (a, b) -> {
        int byTime = a.occurredAt().compareTo(b.occurredAt());
        return byTime != 0 ? byTime : a.recordId().compareTo(b.recordId());
    };

    private final DSLContext db;
    private final DataSource dataSource;
    private final boolean postgres;
    private final LegacyUsageRows legacy;
    /** Set once the row-per-record tables are empty or migrated: from then on nothing reads them. */
    private volatile boolean legacyRetired;

    public UsageLedger(DSLContext db, DataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
        this.postgres = db.dialect().family() == SQLDialect.POSTGRES;
        this.legacy = new LegacyUsageRows(db);
    }

    /**
     * The key table's fingerprint: the first 64 bits of the content's SHA-256 (given as hex). A resend with other
     * content goes unnoticed only if those 64 bits agree by chance (about 1 in 1.8e19 per resend).
     */
    public static long fingerprint64(String sha256Hex) {
        return Long.parseUnsignedLong(sha256Hex, 0, 16, 16);
    }

    /** Whether the ledger holds no record at all (a fresh database). */
    public boolean isEmpty() {
        return !db.fetchExists(Key.TABLE) && !legacyInUse();
    }

    /** Whether reads and the exactly-once check still consult the row-per-record tables of an older ledger. */
    boolean legacyInUse() {
        if (legacyRetired) {
            return false;
        }
        String state = db.select(MigrationState.STATE).from(MigrationState.TABLE).fetchOne(MigrationState.STATE);
        if (UsageLedgerMigration.COMPLETE.equals(state) || !legacy.hasRows()) {
            legacyRetired = true;
            return false;
        }
        return true;
    }

    /**
     * Whether the key table's primary key alone refuses every id the usage ledger holds: PostgreSQL (where the key
     * COPY fails on an id held with SQLSTATE 23505, which the ingestion retries) and no row-per-record data left to
     * consult.
     */
    public boolean keyTableHoldsEveryId() {
        return postgres && !legacyInUse();
    }

    LegacyUsageRows legacy() {
        return legacy;
    }

    /** The 64-bit fingerprints the usage ledger holds for these record ids (ids it does not hold are absent). */
    public Map<String, Long> knownFingerprints(Collection<String> ids) {
        Map<String, Long> known = HashMap.newHashMap(ids.size());
        List<String> all = new ArrayList<>(ids);
        boolean older = legacyInUse();
        for (int from = 0; from < all.size(); from += KEY_LOOKUP_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + KEY_LOOKUP_CHUNK));
            if (postgres) {
                knownFingerprintsQuery(chunk).forEach(r -> known.put(r.value1(), r.value2()));
            } else { // H2 (the embedded demo): an IN list is looked up through the primary key
                db.select(Key.RECORD_ID, Key.FINGERPRINT).from(Key.TABLE).where(Key.RECORD_ID.in(chunk))
                        .forEach(r -> known.put(r.value1(), r.value2()));
            }
            if (older) {
                List<String> missing = chunk.stream().filter(id -> !known.containsKey(id)).toList();
                if (!missing.isEmpty()) {
                    legacy.fingerprints(missing, known);
                }
            }
        }
        return known;
    }

    /**
     * PostgreSQL: the ids held, with their fingerprints, by one primary-key probe per id whatever the planner believes
     * of the table. An IN list (or a join on the ids) was planned as a scan of the whole key table whenever its
     * statistics were stale (never analyzed): 136-156 ms per 5,000 new ids on a 2-million-key table, against 4.6-5.2
     * ms probed (BENCHMARKS.md, "The exactly-once look-up"). OFFSET 0 keeps the probing query apart, so the filter on
     * its result does not probe a second time.
     */
    org.jooq.ResultQuery<org.jooq.Record2<String, Long>> knownFingerprintsQuery(List<String> ids) {
        Field<String> id = DSL.field(DSL.name("i", "id"), String.class);
        var probed = DSL.select(id.as("id"), DSL.field(DSL.select(Key.FINGERPRINT).from(Key.TABLE)
                        .where(Key.RECORD_ID.eq(id))).as("fingerprint"))
                .from(DSL.unnest(DSL.val(ids.toArray(String[]::new))).as("i", "id"))
                .offset(0).asTable("probed");
        Field<String> probedId = DSL.field(DSL.name("probed", "id"), String.class);
        Field<Long> probedFingerprint = DSL.field(DSL.name("probed", "fingerprint"), Long.class);
        return db.select(probedId, probedFingerprint).from(probed).where(probedFingerprint.isNotNull());
    }

    /** The first key of the advisory locks that stand for customers' wallets while usage is posted to them. */
    private static final int WALLET_LOCKS = 0x55534147; // "USAG"

    /**
     * PostgreSQL: waits, until the caller's transaction ends, for every other transaction posting usage to these
     * customers' wallets, taking their locks in one order (so two writers cannot deadlock on them). Two ingesting
     * instances sending the same customers then take turns instead of both posting and one failing on the wallet's
     * event sequence and starting again: with that alone a batch lost five times in a row in 1 of 3 runs of
     * TwoIngestersTest. Distinct customers may share a lock (a 32-bit hash): they then only wait for each other.
     * H2 (the embedded demo, one instance) needs no lock.
     */
    public void lockWallets(Collection<String> customerIds) {
        if (!postgres || customerIds.isEmpty()) {
            return;
        }
        // the locks are taken after the sort (volatile functions in the select list are computed after ORDER BY)
        Field<Integer> hash = DSL.field("hashtext({0})", Integer.class, DSL.field(DSL.name("c", "customer"), String.class));
        db.select(DSL.field("pg_advisory_xact_lock({0}, {1})", Object.class, DSL.inline(WALLET_LOCKS), hash))
                .from(DSL.unnest(DSL.val(customerIds.toArray(String[]::new))).as("c", "customer"))
                .orderBy(hash)
                .fetch();
    }

    /** Appends freshly ingested records: blocks, keys and daily totals, in the caller's transaction. */
    public void append(List<LedgerRecord> records) {
        append(records, false);
    }

    /**
     * Groups the records by posting, orders each posting's records as they are listed (time, then id), cuts them into
     * blocks and writes blocks, keys and daily totals: COPY on PostgreSQL, JDBC batches elsewhere. A record id
     * already held fails the key table's primary key, and with it the caller's transaction.
     */
    void append(List<LedgerRecord> records, boolean migrated) {
        if (records.isEmpty()) {
            return;
        }
        // records arrive customer by customer, a posting's records mostly one after another: the last list is reused
        Map<PostingKey, List<LedgerRecord>> byPosting = new LinkedHashMap<>();
        LedgerRecord previous = null;
        List<LedgerRecord> current = null;
        for (LedgerRecord r : records) {
            if (previous == null || !r.postingId().equals(previous.postingId()) || !r.customerId().equals(previous.customerId())) {
                current = byPosting.computeIfAbsent(new PostingKey(r.postingId(), r.customerId()), k -> new ArrayList<>());
            }
            current.add(r);
            previous = r;
        }
        List<List<LedgerRecord>> blocks = new ArrayList<>();
        for (List<LedgerRecord> posting : byPosting.values()) {
            posting.sort(LISTING_ORDER);
            for (int from = 0; from < posting.size(); from += BLOCK_RECORDS) {
                blocks.add(posting.subList(from, Math.min(posting.size(), from + BLOCK_RECORDS)));
            }
        }
        List<Long> ids = db.nextvals(BLOCK_IDS, blocks.size()).stream().map(Number::longValue).toList();
        List<Object[]> blockRows = new ArrayList<>(blocks.size());
        List<Object[]> dailyRows = new ArrayList<>();
        if (postgres) {
            copy(blocks, ids, migrated, blockRows, dailyRows);
            insertMonthTotals(blockRows);
        } else {
            encode(blocks, ids, migrated, blockRows, dailyRows, null);
            insertMonthTotals(blockRows);
            var keys = db.batch(db.insertInto(Key.TABLE, Key.RECORD_ID, Key.FINGERPRINT, Key.BLOCK_ID).values((String) null, null, null));
            for (int b = 0; b < blocks.size(); b++) {
                for (LedgerRecord r : blocks.get(b)) {
                    keys = keys.bind(r.recordId(), r.fingerprint(), ids.get(b));
                }
            }
            keys.execute();
            var insertBlocks = db.batch(db.insertInto(Block.TABLE, Block.COLUMNS).values(new Object[Block.COLUMNS.size()]));
            for (Object[] row : blockRows) {
                insertBlocks = insertBlocks.bind(row);
            }
            insertBlocks.execute();
            var insertDaily = db.batch(db.insertInto(Daily.TABLE, Daily.COLUMNS).values(new Object[Daily.COLUMNS.size()]));
            for (Object[] row : dailyRows) {
                insertDaily = insertDaily.bind(row);
            }
            insertDaily.execute();
        }
    }

    private record PostingKey(String postingId, String customerId) {
    }

    /**
     * The write's blocks summed by usage month and currency, one row each, keyed by the lowest of their block ids:
     * what the records-against-postings tie reads, so that it grows with writes, not with blocks. Written after the
     * blocks, in their transaction; a few rows, so a batch insert on every database.
     */
    private void insertMonthTotals(List<Object[]> blockRows) {
        Map<List<String>, Object[]> byMonth = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        for (Object[] block : blockRows) {
            Object[] total = byMonth.computeIfAbsent(List.of((String) block[7], (String) block[6]),
                    k -> new Object[]{block[0], k.get(0), k.get(1), 0, 0L, BigDecimal.ZERO, BigDecimal.ZERO});
            total[0] = Math.min((long) total[0], (long) block[0]);
            total[3] = (int) total[3] + 1;
            total[4] = (long) total[4] + (int) block[12];
            total[5] = ((BigDecimal) total[5]).add((BigDecimal) block[13]);
            total[6] = ((BigDecimal) total[6]).add((BigDecimal) block[14]);
        }
        var insert = db.batch(db.insertInto(MonthTotal.TABLE, MonthTotal.FIRST_BLOCK_ID, MonthTotal.USAGE_MONTH,
                MonthTotal.CURRENCY, MonthTotal.BLOCKS, MonthTotal.RECORDS, MonthTotal.EXACT_VALUE, MonthTotal.EXACT_COST)
                .values((Long) null, null, null, null, null, null, null));
        for (Object[] total : byMonth.values()) {
            insert = insert.bind(total);
        }
        insert.execute();
    }

    private record DailyKey(LocalDate usageDate, String model, String feature, String costRole) {
    }

    /** One block's row: what its records share, their totals and span, and the encoded records. */
    private static Object[] blockRow(long blockId, int seq, List<LedgerRecord> block, boolean migrated) {
        LedgerRecord first = block.get(0);
        YearMonth month = YearMonth.from(first.usageDate());
        int year = month.getYear();
        int monthValue = month.getMonthValue();
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;
        LocalDate firstDate = first.usageDate();
        LocalDate lastDate = first.usageDate();
        for (LedgerRecord r : block) {
            // a posting is one customer's usage of one month in one batch, so these hold for every record of it
            if (!r.customerId().equals(first.customerId()) || !r.currency().equals(first.currency())
                    || !java.util.Objects.equals(r.entryId(), first.entryId()) || !r.batchId().equals(first.batchId())
                    || !r.recordedAt().equals(first.recordedAt())
                    || r.usageDate().getYear() != year || r.usageDate().getMonthValue() != monthValue) {
                throw new IllegalStateException("records of posting " + first.postingId() + " differ in what a posting shares");
            }
            value = value.add(r.exactValue());
            cost = cost.add(r.exactCost());
            firstDate = r.usageDate().isBefore(firstDate) ? r.usageDate() : firstDate;
            lastDate = r.usageDate().isAfter(lastDate) ? r.usageDate() : lastDate;
        }
        Encoded encoded = UsageBlockCodec.encode(block);
        return new Object[]{blockId, first.postingId(), first.customerId(), seq, first.entryId(), first.batchId(),
                first.currency(), month.toString(), firstDate, lastDate, first.occurredAt().atOffset(ZoneOffset.UTC),
                block.get(block.size() - 1).occurredAt().atOffset(ZoneOffset.UTC), block.size(), value, cost,
                first.recordedAt().atOffset(ZoneOffset.UTC), migrated, (short) UsageBlockCodec.FORMAT,
                encoded.rawBytes(), encoded.checksum(), encoded.payload()};
    }

    /**
     * Encodes each block into its row and its daily totals and, given a key writer, writes its records' keys while
     * they are still in the processor's cache: a pass of its own over the batch's 200,000 records read each one from
     * memory again (BENCHMARKS.md, "Fewer passes over a batch's records").
     */
    private static void encode(List<List<LedgerRecord>> blocks, List<Long> ids, boolean migrated, List<Object[]> blockRows,
                               List<Object[]> dailyRows, CopyBinaryKeyWriter keys) {
        Map<String, Integer> nextSeq = new HashMap<>();
        for (int b = 0; b < blocks.size(); b++) {
            List<LedgerRecord> block = blocks.get(b);
            long blockId = ids.get(b);
            LedgerRecord first = block.get(0);
            int seq = nextSeq.merge(first.postingId() + "\u0000" + first.customerId(), 1, Integer::sum) - 1;
            blockRows.add(blockRow(blockId, seq, block, migrated));
            daily(blockId, block, dailyRows);
            if (keys != null) {
                writeKeys(keys, block, blockId);
            }
        }
    }

    private static void writeKeys(CopyBinaryKeyWriter keys, List<LedgerRecord> block, long blockId) {
        try {
            for (LedgerRecord r : block) {
                keys.keyRow(r.recordId(), r.fingerprint(), blockId);
            }
        } catch (SQLException e) {
            throw new UsageLedgerWriteException(e);
        }
    }

    /** One day's totals of a block for one model, feature and cost role, summed without boxing each addition. */
    private static final class DailyTotal {
        final LedgerRecord first;
        int records;
        long inputTokens;
        long outputTokens;
        long cachedTokens;
        BigDecimal value = BigDecimal.ZERO;
        BigDecimal cost = BigDecimal.ZERO;

        DailyTotal(LedgerRecord first) {
            this.first = first;
        }

        void add(LedgerRecord r) {
            records++;
            inputTokens += r.inputTokens();
            outputTokens += r.outputTokens();
            cachedTokens += r.cachedTokens();
            value = value.add(r.exactValue());
            cost = cost.add(r.exactCost());
        }

        Object[] row(long blockId) {
            return new Object[]{blockId, first.customerId(), first.usageDate(), first.currency(), first.model(),
                    first.feature(), first.costRole(), records, inputTokens, outputTokens, cachedTokens, value, cost};
        }
    }

    /** The block's records summed by day, model, feature and cost role. */
    private static void daily(long blockId, List<LedgerRecord> block, List<Object[]> rows) {
        Map<DailyKey, DailyTotal> byDay = new LinkedHashMap<>();
        for (LedgerRecord r : block) {
            DailyKey key = new DailyKey(r.usageDate(), r.model(), r.feature(), r.costRole());
            DailyTotal total = byDay.get(key);
            if (total == null) {
                total = new DailyTotal(r);
                byDay.put(key, total);
            }
            total.add(r);
        }
        for (DailyTotal total : byDay.values()) {
            rows.add(total.row(blockId));
        }
    }

    private void copy(List<List<LedgerRecord>> blocks, List<Long> ids, boolean migrated, List<Object[]> blockRows,
                      List<Object[]> dailyRows) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            var copyApi = connection.unwrap(PGConnection.class).getCopyAPI();
            // keys first: a record id another writer committed meanwhile fails here, before the blocks are sent
            CopyIn keyCopy = copyApi.copyIn(COPY_KEYS);
            CopyBinaryKeyWriter keys = new CopyBinaryKeyWriter(keyCopy);
            try {
                encode(blocks, ids, migrated, blockRows, dailyRows, keys);
            } catch (RuntimeException e) {
                // the connection must leave COPY for the transaction to roll back on it
                try {
                    if (keyCopy.isActive()) {
                        keyCopy.cancelCopy();
                    }
                } catch (SQLException cancelFailed) {
                    e.addSuppressed(cancelFailed);
                }
                throw e;
            }
            keys.finish();
            CopyTextWriter blockWriter = new CopyTextWriter(copyApi.copyIn(COPY_BLOCKS));
            for (Object[] row : blockRows) {
                blockWriter.row(row);
            }
            blockWriter.finish();
            CopyTextWriter dailyWriter = new CopyTextWriter(copyApi.copyIn(COPY_DAILY));
            for (Object[] row : dailyRows) {
                dailyWriter.row(row);
            }
            dailyWriter.finish();
        } catch (SQLException e) {
            throw new UsageLedgerWriteException(e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** A write to the usage ledger failed; the whole batch rolls back. */
    public static final class UsageLedgerWriteException extends RuntimeException {
        UsageLedgerWriteException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** One usage record as the usage ledger keeps it. */
    public record UsageRecordView(String recordId, String customerId, String endUserId, String occurredAt,
                                  String usageDate, String model, String feature, String provider, long inputTokens,
                                  long outputTokens, long cachedTokens, String otherUnits, String metadata,
                                  String currency, BigDecimal exactValue, BigDecimal exactCost, String costRole,
                                  String rateCards, String costCard, String postingId, String entryId, String batchId,
                                  String recordedAt) {

        static UsageRecordView of(LedgerRecord r) {
            return new UsageRecordView(r.recordId(), r.customerId(), r.endUserId(), r.occurredAt().toString(),
                    r.usageDate().toString(), r.model(), r.feature(), r.provider(), r.inputTokens(), r.outputTokens(),
                    r.cachedTokens(), r.otherUnits(), r.metadata(), r.currency(), r.exactValue().stripTrailingZeros(),
                    r.exactCost().stripTrailingZeros(), r.costRole(), r.rateCards(), r.costCard(), r.postingId(),
                    r.entryId(), r.batchId(), r.recordedAt().toString());
        }
    }

    /** One record by id: its key names its block, which is read and decoded. */
    public Optional<UsageRecordView> record(String recordId) {
        return stored(recordId).map(UsageRecordView::of);
    }

    Optional<LedgerRecord> stored(String recordId) {
        Long blockId = db.select(Key.BLOCK_ID).from(Key.TABLE).where(Key.RECORD_ID.eq(recordId)).fetchOne(Key.BLOCK_ID);
        if (blockId == null) {
            return legacyInUse() ? legacy.record(recordId) : Optional.empty();
        }
        return blocks(Block.BLOCK_ID.eq(blockId)).stream().flatMap(List::stream)
                .filter(r -> r.recordId().equals(recordId)).findFirst();
    }

    /** A posting's records in time order (then by id), paged: only the blocks the page falls in are decoded. */
    public List<UsageRecordView> recordsOfPosting(String postingId, String customerId, int limit, int offset) {
        return storedOfPosting(postingId, customerId, limit, offset).stream().map(UsageRecordView::of).toList();
    }

    List<LedgerRecord> storedOfPosting(String postingId, String customerId, int limit, int offset) {
        Condition ofPosting = Block.POSTING_ID.eq(postingId);
        if (customerId != null) {
            ofPosting = ofPosting.and(Block.CUSTOMER_ID.eq(customerId));
        }
        var spans = db.select(Block.BLOCK_ID, Block.RECORDS).from(Block.TABLE).where(ofPosting)
                .orderBy(Block.CUSTOMER_ID, Block.BLOCK_SEQ).fetch();
        if (spans.isEmpty()) {
            return legacyInUse() ? legacy.recordsOfPosting(postingId, customerId, limit, offset) : List.of();
        }
        List<Long> wanted = new ArrayList<>();
        long start = 0;
        long skipInFirst = -1;
        for (var span : spans) {
            long end = start + span.value2();
            if (end > offset && start < (long) offset + limit) {
                wanted.add(span.value1());
                if (skipInFirst < 0) {
                    skipInFirst = offset - start;
                }
            }
            start = end;
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<LedgerRecord> page = new ArrayList<>();
        for (List<LedgerRecord> block : blocks(Block.BLOCK_ID.in(wanted))) {
            page.addAll(block);
        }
        return page.subList((int) skipInFirst, (int) Math.min(page.size(), skipInFirst + limit));
    }

    /** The blocks matching the condition, decoded, in block id order (a posting's blocks were numbered in order). */
    List<List<LedgerRecord>> blocks(Condition which) {
        List<List<LedgerRecord>> decoded = new ArrayList<>();
        db.select(Block.BLOCK_ID, Block.CUSTOMER_ID, Block.POSTING_ID, Block.ENTRY_ID, Block.BATCH_ID, Block.CURRENCY,
                        Block.RECORDED_AT, Block.RAW_BYTES, Block.CHECKSUM, Block.PAYLOAD)
                .from(Block.TABLE).where(which).orderBy(Block.BLOCK_ID)
                .forEach(r -> decoded.add(decode(r)));
        return decoded;
    }

    private static List<LedgerRecord> decode(Record r) {
        try {
            return UsageBlockCodec.decode(new Shared(r.get(Block.CUSTOMER_ID), r.get(Block.POSTING_ID),
                            r.get(Block.ENTRY_ID), r.get(Block.BATCH_ID), r.get(Block.CURRENCY).strip(),
                            r.get(Block.RECORDED_AT).toInstant()),
                    new Encoded(r.get(Block.PAYLOAD), r.get(Block.RAW_BYTES), r.get(Block.CHECKSUM)));
        } catch (UsageBlockCodec.CorruptBlockException e) {
            throw new UsageBlockCodec.CorruptBlockException("usage block " + r.get(Block.BLOCK_ID) + ": " + e.getMessage());
        }
    }

    /**
     * Distinct end users (per customer) whose records in the currency carry value, in the 7 and in the 30 days through
     * {@code asOf} (of the records recorded by {@code recordedBy} when given), for the active end users metric (README
     * "Metrics"); records without an end user are not counted. Reads only three columns of the blocks that overlap
     * the 30 days.
     */
    public long[] activeEndUsers(String currency, LocalDate asOf, Instant recordedBy) {
        LocalDate first = asOf.minusDays(29);
        LocalDate lastWeek = asOf.minusDays(6);
        Map<String, LocalDate> lastDay = new HashMap<>();
        Condition recorded = recordedBy == null ? DSL.noCondition() : Block.RECORDED_AT.le(recordedBy.atOffset(ZoneOffset.UTC));
        db.select(Block.BLOCK_ID, Block.CUSTOMER_ID, Block.RAW_BYTES, Block.CHECKSUM, Block.PAYLOAD).from(Block.TABLE)
                .where(Block.CURRENCY.eq(currency)).and(Block.LAST_USAGE_DATE.ge(first)).and(Block.FIRST_USAGE_DATE.le(asOf))
                .and(recorded)
                .forEach(r -> {
                    UsageBlockCodec.Columns columns = UsageBlockCodec.open(
                            new Encoded(r.get(Block.PAYLOAD), r.get(Block.RAW_BYTES), r.get(Block.CHECKSUM)));
                    String[] endUsers = columns.endUsers();
                    LocalDate[] dates = columns.usageDates();
                    BigDecimal[] values = columns.exactValues();
                    String customer = r.get(Block.CUSTOMER_ID);
                    for (int i = 0; i < endUsers.length; i++) {
                        if (endUsers[i] != null && values[i].signum() > 0 && !dates[i].isBefore(first) && !dates[i].isAfter(asOf)) {
                            lastDay.merge(customer + '\u0000' + endUsers[i], dates[i], (a, b) -> a.isAfter(b) ? a : b);
                        }
                    }
                });
        if (legacyInUse()) {
            legacy.endUserDays(currency, first, asOf, recordedBy, pair ->
                    lastDay.merge(pair[0] + "\u0000" + pair[1], (LocalDate) pair[2], (a, b) -> a.isAfter(b) ? a : b));
        }
        long week = lastDay.values().stream().filter(d -> !d.isBefore(lastWeek)).count();
        return new long[]{week, lastDay.size()};
    }

    /**
     * The records against their postings, per usage month and currency: the records' exact value and cost sum to the
     * postings' exact value and cost, and their count to the postings' record count (every record is traceable).
     */
    public record RecordTie(String usageMonth, String currency, long records, long postedRecords,
                            BigDecimal recordsValue, BigDecimal postedValue, BigDecimal recordsCost,
                            BigDecimal postedCost, boolean ties) {
    }

    /** The records against their postings, the records summed from the monthly totals written with their blocks. */
    public List<RecordTie> recordTies(YearMonth from, YearMonth to) {
        return recordTies(from, to, false);
    }

    /**
     * @param fromBlocks sum the records from every block's totals (each checked against its records when written)
     *                   instead of from the monthly totals written with them: a pass over all blocks of the months,
     *                   which proves the monthly totals too (what an auditor or the migration's last check asks for)
     */
    public List<RecordTie> recordTies(YearMonth from, YearMonth to, boolean fromBlocks) {
        Map<List<String>, Object[]> byMonth = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        if (fromBlocks) {
            db.select(Block.USAGE_MONTH, Block.CURRENCY, DSL.sum(Block.RECORDS), DSL.sum(Block.EXACT_VALUE), DSL.sum(Block.EXACT_COST))
                    .from(Block.TABLE).where(Block.USAGE_MONTH.between(from.toString(), to.toString()))
                    .groupBy(Block.USAGE_MONTH, Block.CURRENCY)
                    .forEach(r -> addRecords(byMonth, r.value1(), r.value2().strip(), r.value3().longValue(), r.value4(), r.value5()));
        } else {
            db.select(MonthTotal.USAGE_MONTH, MonthTotal.CURRENCY, DSL.sum(MonthTotal.RECORDS), DSL.sum(MonthTotal.EXACT_VALUE),
                            DSL.sum(MonthTotal.EXACT_COST))
                    .from(MonthTotal.TABLE).where(MonthTotal.USAGE_MONTH.between(from.toString(), to.toString()))
                    .groupBy(MonthTotal.USAGE_MONTH, MonthTotal.CURRENCY)
                    .forEach(r -> addRecords(byMonth, r.value1(), r.value2().strip(), r.value3().longValue(), r.value4(), r.value5()));
        }
        if (legacyInUse()) {
            legacy.totalsNotInBlocks(from.atDay(1), to.atEndOfMonth(), v -> addRecords(byMonth, (String) v[0], (String) v[1],
                    (long) v[2], (BigDecimal) v[3], (BigDecimal) v[4]));
        }
        db.select(PostingMonth.USAGE_MONTH, PostingMonth.CURRENCY, DSL.sum(PostingMonth.RECORDS),
                        DSL.sum(PostingMonth.EXACT_VALUE), DSL.sum(PostingMonth.EXACT_COST))
                .from(PostingMonth.TABLE)
                .where(PostingMonth.USAGE_MONTH.between(from.toString(), to.toString()))
                .groupBy(PostingMonth.USAGE_MONTH, PostingMonth.CURRENCY)
                .forEach(r -> {
                    Object[] v = totals(byMonth, r.value1(), r.value2().strip());
                    v[1] = r.value3().longValue();
                    v[3] = r.value4();
                    v[5] = r.value5();
                });
        List<RecordTie> ties = new ArrayList<>();
        byMonth.forEach((k, v) -> ties.add(new RecordTie(k.get(0), k.get(1), (long) v[0], (long) v[1],
                ((BigDecimal) v[2]).stripTrailingZeros(), ((BigDecimal) v[3]).stripTrailingZeros(),
                ((BigDecimal) v[4]).stripTrailingZeros(), ((BigDecimal) v[5]).stripTrailingZeros(),
                (long) v[0] == (long) v[1] && ((BigDecimal) v[2]).compareTo((BigDecimal) v[3]) == 0
                        && ((BigDecimal) v[4]).compareTo((BigDecimal) v[5]) == 0)));
        return ties;
    }

    /**
     * The months whose monthly totals differ from the sum of their blocks (records, exact value or cost), as
     * "YYYY-MM CUR"; empty when every monthly total equals its blocks. The plain tie reads the monthly totals, so an
     * auditor's {@code verifyBlocks} pass and the migration's last check prove them against the blocks they sum.
     */
    public List<String> monthlyTotalsNotEqualToBlocks(YearMonth from, YearMonth to) {
        Comparator<List<String>> byMonthThenCurrency = Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1));
        Map<List<String>, Object[]> blocks = new TreeMap<>(byMonthThenCurrency);
        Map<List<String>, Object[]> monthly = new TreeMap<>(byMonthThenCurrency);
        db.select(Block.USAGE_MONTH, Block.CURRENCY, DSL.sum(Block.RECORDS), DSL.sum(Block.EXACT_VALUE), DSL.sum(Block.EXACT_COST))
                .from(Block.TABLE).where(Block.USAGE_MONTH.between(from.toString(), to.toString()))
                .groupBy(Block.USAGE_MONTH, Block.CURRENCY)
                .forEach(r -> addRecords(blocks, r.value1(), r.value2().strip(), r.value3().longValue(), r.value4(), r.value5()));
        db.select(MonthTotal.USAGE_MONTH, MonthTotal.CURRENCY, DSL.sum(MonthTotal.RECORDS), DSL.sum(MonthTotal.EXACT_VALUE),
                        DSL.sum(MonthTotal.EXACT_COST))
                .from(MonthTotal.TABLE).where(MonthTotal.USAGE_MONTH.between(from.toString(), to.toString()))
                .groupBy(MonthTotal.USAGE_MONTH, MonthTotal.CURRENCY)
                .forEach(r -> addRecords(monthly, r.value1(), r.value2().strip(), r.value3().longValue(), r.value4(), r.value5()));
        var keys = new java.util.TreeSet<>(byMonthThenCurrency);
        keys.addAll(blocks.keySet());
        keys.addAll(monthly.keySet());
        List<String> differing = new ArrayList<>();
        for (var key : keys) {
            Object[] b = totals(blocks, key.get(0), key.get(1));
            Object[] m = totals(monthly, key.get(0), key.get(1));
            if ((long) b[0] != (long) m[0] || ((BigDecimal) b[2]).compareTo((BigDecimal) m[2]) != 0
                    || ((BigDecimal) b[4]).compareTo((BigDecimal) m[4]) != 0) {
                differing.add(key.get(0) + " " + key.get(1));
            }
        }
        return differing;
    }

    private static void addRecords(Map<List<String>, Object[]> byMonth, String month, String currency, long records,
                                   BigDecimal value, BigDecimal cost) {
        Object[] v = totals(byMonth, month, currency);
        v[0] = (long) v[0] + records;
        v[2] = ((BigDecimal) v[2]).add(value);
        v[4] = ((BigDecimal) v[4]).add(cost);
    }

    private static Object[] totals(Map<List<String>, Object[]> byMonth, String month, String currency) {
        return byMonth.computeIfAbsent(List.of(month, currency),
                k -> new Object[]{0L, 0L, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
    }

    private static String names(List<Field<?>> fields) {
        return String.join(", ", fields.stream().map(Field::getName).toList());
    }
}
