package dev.tokenledger.adapters.usageledger;

import dev.tokenledger.adapters.usageledger.UsageLedgerTables.RecordKey;
import dev.tokenledger.adapters.usageledger.UsageLedgerTables.UsageRecordRow;
import dev.tokenledger.projections.usage.UsageTables.Posting;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The usage ledger: every accepted usage record, priced, costed and linked to its posting, with its exactly-once key.
 * Source data kept beside the event store (backed up with it, never rebuilt from it, never updated or deleted): the
 * events carry each posting's totals, the records themselves live only here. Written in the caller's transaction,
 * the same one that appends the posting events, so a record and its posting commit together or not at all.
 */
@Component
public class UsageLedger {

    private static final int KEY_LOOKUP_CHUNK = 5_000;
    private static final String COPY_KEYS = "COPY usage_record_key (record_id, fingerprint, usage_date) FROM STDIN";
    private static final String COPY_RECORDS = "COPY usage_record (" + String.join(", ",
            UsageRecordRow.COLUMNS.stream().map(Field::getName).toList()) + ") FROM STDIN";
    private static final Comparator<List<String>> BY_MONTH_AND_CURRENCY =
            Comparator.comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1));

    private final DSLContext db;
    private final DataSource dataSource;
    private final boolean postgres;
    /** Months whose partition is known to exist (PostgreSQL); forgotten whenever a transaction fails. */
    private final Set<LocalDate> partitions = ConcurrentHashMap.newKeySet();

    public UsageLedger(DSLContext db, DataSource dataSource) {
        this.db = db;
        this.dataSource = dataSource;
        this.postgres = db.dialect().family() == SQLDialect.POSTGRES;
    }

    /**
     * Distinct end users (per customer) whose records in the currency carry value, in the 7 and in the 30 days through
     * {@code asOf} (of the records recorded by {@code recordedBy} when given), for the active end users metric (README
     * "Metrics"); records without an end user are not counted. One grouped scan of the 30 days' records: 599 ms on
     * the 5-million-record benchmark ledger (600,000 records in the window), which is why it is asked for explicitly.
     */
    public long[] activeEndUsers(String currency, LocalDate asOf, java.time.Instant recordedBy) {
        Condition recorded = recordedBy == null ? DSL.noCondition()
                : UsageRecordRow.RECORDED_AT.le(recordedBy.atOffset(java.time.ZoneOffset.UTC));
        Field<LocalDate> last = DSL.max(UsageRecordRow.USAGE_DATE).as("last_day");
        var pairs = db.select(UsageRecordRow.CUSTOMER_ID, UsageRecordRow.END_USER_ID, last).from(UsageRecordRow.TABLE)
                .where(UsageRecordRow.USAGE_DATE.between(asOf.minusDays(29), asOf)).and(UsageRecordRow.CURRENCY.eq(currency))
                .and(UsageRecordRow.END_USER_ID.isNotNull()).and(UsageRecordRow.EXACT_VALUE.gt(BigDecimal.ZERO)).and(recorded)
                .groupBy(UsageRecordRow.CUSTOMER_ID, UsageRecordRow.END_USER_ID).asTable("pairs");
        Field<LocalDate> lastDay = pairs.field("last_day", LocalDate.class);
        var counts = db.select(DSL.count(), DSL.count().filterWhere(lastDay.ge(asOf.minusDays(6)))).from(pairs).fetchOne();
        return new long[]{counts.value2(), counts.value1()};
    }

    /** Column order of a record row as {@link #append} takes it: the usage_record columns, then the fingerprint. */
    public static List<String> columns() {
        return UsageRecordRow.COLUMNS.stream().map(Field::getName).toList();
    }

    /** Whether the ledger holds no record at all (a fresh database). */
    public boolean isEmpty() {
        return db.fetchCount(RecordKey.TABLE) == 0;
    }

    /** The fingerprints the usage ledger holds for these record ids (ids it does not hold are absent). */
    public Map<String, String> knownFingerprints(Collection<String> ids) {
        Map<String, String> known = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += KEY_LOOKUP_CHUNK) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + KEY_LOOKUP_CHUNK));
            // an IN list uses the primary key. Measured worse: "= ANY(array)" (PostgreSQL scanned the table once per
            // element) and a join on the unnested ids (a 5-million-record import slowed down as the key table grew)
            db.select(RecordKey.RECORD_ID, RecordKey.FINGERPRINT).from(RecordKey.TABLE)
                    .where(RecordKey.RECORD_ID.in(chunk)).forEach(r -> known.put(r.value1(), r.value2()));
        }
        return known;
    }

    /** Called when the caller's transaction failed: a partition created in it is gone again. */
    public void forgetPartitions() {
        partitions.clear();
    }

    /**
     * Appends records and their keys. Each row holds the usage_record columns in {@link #columns()} order, then the
     * record's fingerprint. COPY on PostgreSQL, JDBC batches elsewhere.
     */
    public void append(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (postgres) {
            copy(rows);
            return;
        }
        var insertRecords = db.batch(db.insertInto(UsageRecordRow.TABLE, UsageRecordRow.COLUMNS)
                .values(new Object[UsageRecordRow.COLUMNS.size()]));
        var insertKeys = db.batch(db.insertInto(RecordKey.TABLE, RecordKey.RECORD_ID, RecordKey.FINGERPRINT, RecordKey.USAGE_DATE)
                .values((String) null, null, null));
        for (Object[] row : rows) {
            insertRecords = insertRecords.bind(java.util.Arrays.copyOf(row, UsageRecordRow.COLUMNS.size()));
            insertKeys = insertKeys.bind(row[0], row[row.length - 1], row[4]);
        }
        insertKeys.execute();
        insertRecords.execute();
    }

    private void copy(List<Object[]> rows) {
        LocalDate lastDate = null;
        for (Object[] row : rows) {
            LocalDate date = (LocalDate) row[4];
            if (lastDate != null && date.getYear() == lastDate.getYear() && date.getMonth() == lastDate.getMonth()) {
                continue; // rows come customer by customer in time order: the month rarely changes from one to the next
            }
            lastDate = date;
            LocalDate month = date.withDayOfMonth(1);
            if (partitions.add(month)) {
                db.fetch("SELECT ensure_usage_record_partition(?::date)", month);
            }
        }
        int columns = UsageRecordRow.COLUMNS.size();
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            var copyApi = connection.unwrap(PGConnection.class).getCopyAPI();
            CopyTextWriter keys = new CopyTextWriter(copyApi.copyIn(COPY_KEYS));
            for (Object[] row : rows) {
                keys.row(row[0], row[row.length - 1], row[4]);
            }
            keys.finish();
            CopyTextWriter records = new CopyTextWriter(copyApi.copyIn(COPY_RECORDS));
            for (Object[] row : rows) {
                for (int i = 0; i < columns; i++) {
                    records.field(row[i]);
                }
                records.endRow();
            }
            records.finish();
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
    }

    /** One record by id: its key gives the usage date, which names the one partition to read. */
    public Optional<UsageRecordView> record(String recordId) {
        // the key's usage date names the one partition to read (PostgreSQL prunes the others at execution)
        var usageDate = DSL.select(RecordKey.USAGE_DATE).from(RecordKey.TABLE).where(RecordKey.RECORD_ID.eq(recordId));
        return db.select(UsageRecordRow.COLUMNS).from(UsageRecordRow.TABLE).where(UsageRecordRow.RECORD_ID.eq(recordId))
                .and(UsageRecordRow.USAGE_DATE.eq(usageDate)).fetchOptional(UsageLedger::view);
    }

    public List<UsageRecordView> recordsOfPosting(String postingId, String customerId, int limit, int offset) {
        var condition = UsageRecordRow.POSTING_ID.eq(postingId);
        if (customerId != null) {
            condition = condition.and(UsageRecordRow.CUSTOMER_ID.eq(customerId));
        }
        return db.select(UsageRecordRow.COLUMNS).from(UsageRecordRow.TABLE).where(condition)
                .orderBy(UsageRecordRow.OCCURRED_AT, UsageRecordRow.RECORD_ID).limit(limit).offset(offset)
                .fetch(UsageLedger::view);
    }

    private static UsageRecordView view(Record r) {
        return new UsageRecordView(r.get(UsageRecordRow.RECORD_ID), r.get(UsageRecordRow.CUSTOMER_ID),
                r.get(UsageRecordRow.END_USER_ID), r.get(UsageRecordRow.OCCURRED_AT).toInstant().toString(),
                r.get(UsageRecordRow.USAGE_DATE).toString(), r.get(UsageRecordRow.MODEL), r.get(UsageRecordRow.FEATURE),
                r.get(UsageRecordRow.PROVIDER), r.get(UsageRecordRow.INPUT_TOKENS), r.get(UsageRecordRow.OUTPUT_TOKENS),
                r.get(UsageRecordRow.CACHED_TOKENS), r.get(UsageRecordRow.OTHER_UNITS), r.get(UsageRecordRow.METADATA),
                r.get(UsageRecordRow.CURRENCY).strip(), r.get(UsageRecordRow.EXACT_VALUE).stripTrailingZeros(),
                r.get(UsageRecordRow.EXACT_COST).stripTrailingZeros(), r.get(UsageRecordRow.COST_ROLE),
                r.get(UsageRecordRow.RATE_CARDS), r.get(UsageRecordRow.COST_CARD), r.get(UsageRecordRow.POSTING_ID),
                r.get(UsageRecordRow.ENTRY_ID), r.get(UsageRecordRow.BATCH_ID),
                r.get(UsageRecordRow.RECORDED_AT).toInstant().toString());
    }

    /**
     * The records against their postings, per usage month and currency: the records' exact value and cost sum to the
     * postings' exact value and cost, and their count to the postings' record count (every record is traceable).
     */
    public record RecordTie(String usageMonth, String currency, long records, long postedRecords,
                            BigDecimal recordsValue, BigDecimal postedValue, BigDecimal recordsCost,
                            BigDecimal postedCost, boolean ties) {
    }

    public List<RecordTie> recordTies(YearMonth from, YearMonth to) {
        var month = monthOf(UsageRecordRow.USAGE_DATE);
        Map<List<String>, Object[]> byMonth = new TreeMap<>(BY_MONTH_AND_CURRENCY);
        db.select(month, UsageRecordRow.CURRENCY, DSL.count(), DSL.sum(UsageRecordRow.EXACT_VALUE), DSL.sum(UsageRecordRow.EXACT_COST))
                .from(UsageRecordRow.TABLE)
                .where(UsageRecordRow.USAGE_DATE.between(from.atDay(1), to.atEndOfMonth()))
                .groupBy(month, UsageRecordRow.CURRENCY)
                .forEach(r -> byMonth.put(List.of(r.value1(), r.value2().strip()),
                        new Object[]{(long) r.value3(), 0L, r.value4(), BigDecimal.ZERO, r.value5(), BigDecimal.ZERO}));
        db.select(Posting.USAGE_MONTH, Posting.CURRENCY, DSL.sum(Posting.RECORDS), DSL.sum(Posting.EXACT_VALUE), DSL.sum(Posting.EXACT_COST))
                .from(Posting.TABLE)
                .where(Posting.USAGE_MONTH.between(from.toString(), to.toString()))
                .groupBy(Posting.USAGE_MONTH, Posting.CURRENCY)
                .forEach(r -> {
                    Object[] v = byMonth.computeIfAbsent(List.of(r.value1(), r.value2().strip()),
                            k -> new Object[]{0L, 0L, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
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

    /** YYYY-MM of a date column, as SQL without bind values (so it can be grouped by). */
    private static Field<String> monthOf(Field<LocalDate> date) {
        return DSL.field("substring(cast({0} as varchar), 1, 7)", String.class, date);
    }
}
