package dev.tokenledger.adapters.usageledger;

import dev.tokenledger.adapters.usageledger.UsageLedgerTables.Block;
import dev.tokenledger.adapters.usageledger.UsageLedgerTables.RecordKey;
import dev.tokenledger.adapters.usageledger.UsageLedgerTables.UsageRecordRow;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The usage ledger as it was stored before blocks (Flyway V9/V10: one row per record, one key row per id). Nothing
 * writes here any more; an existing ledger's rows are read by the migration into blocks and, until it has finished,
 * by the exactly-once check and the look-ups, only for postings that have no block yet.
 */
final class LegacyUsageRows {

    private final DSLContext db;

    LegacyUsageRows(DSLContext db) {
        this.db = db;
    }

    boolean hasRows() {
        return db.fetchExists(RecordKey.TABLE);
    }

    long count() {
        return db.fetchCount(RecordKey.TABLE);
    }

    /** Legacy fingerprints (SHA-256 as 64 hex digits) in the 64-bit form the key table keeps. */
    void fingerprints(List<String> ids, Map<String, Long> into) {
        db.select(RecordKey.RECORD_ID, RecordKey.FINGERPRINT).from(RecordKey.TABLE).where(RecordKey.RECORD_ID.in(ids))
                .forEach(r -> into.put(r.value1(), UsageLedger.fingerprint64(r.value2())));
    }

    /** One record by id (its fingerprint left 0: a look-up does not show it). */
    Optional<LedgerRecord> record(String recordId) {
        var usageDate = DSL.select(RecordKey.USAGE_DATE).from(RecordKey.TABLE).where(RecordKey.RECORD_ID.eq(recordId));
        return db.select(UsageRecordRow.COLUMNS).from(UsageRecordRow.TABLE)
                .where(UsageRecordRow.RECORD_ID.eq(recordId)).and(UsageRecordRow.USAGE_DATE.eq(usageDate))
                .fetchOptional(r -> record(r, 0L));
    }

    /** A posting's records in the order the API lists them (time, then id), with their fingerprints. */
    List<LedgerRecord> recordsOfPosting(String postingId, String customerId, int limit, int offset) {
        Condition condition = UsageRecordRow.POSTING_ID.eq(postingId);
        if (customerId != null) {
            condition = condition.and(UsageRecordRow.CUSTOMER_ID.eq(customerId));
        }
        var rows = db.select(UsageRecordRow.COLUMNS).from(UsageRecordRow.TABLE).where(condition)
                .orderBy(UsageRecordRow.OCCURRED_AT, UsageRecordRow.RECORD_ID).limit(limit).offset(offset).fetch();
        Map<String, Long> fingerprints = new java.util.HashMap<>();
        List<String> ids = rows.map(r -> r.get(UsageRecordRow.RECORD_ID));
        for (int from = 0; from < ids.size(); from += 5_000) {
            fingerprints(ids.subList(from, Math.min(ids.size(), from + 5_000)), fingerprints);
        }
        return rows.map(r -> record(r, fingerprints.get(r.get(UsageRecordRow.RECORD_ID))));
    }

    /** The postings (id, customer) held here and not yet in blocks, in order, after the posting {@code after}. */
    List<List<String>> unmigratedPostings(List<String> after, int limit) {
        return db.selectDistinct(UsageRecordRow.POSTING_ID, UsageRecordRow.CUSTOMER_ID).from(UsageRecordRow.TABLE)
                .where(after == null ? DSL.noCondition()
                        : DSL.row(UsageRecordRow.POSTING_ID, UsageRecordRow.CUSTOMER_ID).gt(after.get(0), after.get(1)))
                .and(notInBlocks())
                .orderBy(UsageRecordRow.POSTING_ID, UsageRecordRow.CUSTOMER_ID).limit(limit)
                .fetch(r -> List.of(r.value1(), r.value2()));
    }

    /** Records, value and cost per usage month and currency of the postings not yet in blocks. */
    void totalsNotInBlocks(LocalDate from, LocalDate to, Consumer<Object[]> row) {
        Field<String> month = DSL.field("substring(cast({0} as varchar), 1, 7)", String.class, UsageRecordRow.USAGE_DATE);
        db.select(month, UsageRecordRow.CURRENCY, DSL.count(), DSL.sum(UsageRecordRow.EXACT_VALUE), DSL.sum(UsageRecordRow.EXACT_COST))
                .from(UsageRecordRow.TABLE).where(UsageRecordRow.USAGE_DATE.between(from, to)).and(notInBlocks())
                .groupBy(month, UsageRecordRow.CURRENCY)
                .forEach(r -> row.accept(new Object[]{r.value1(), r.value2().strip(), (long) r.value3(), r.value4(), r.value5()}));
    }

    /** Customer, end user and last day with value of the end users active in the window, postings not in blocks. */
    void endUserDays(String currency, LocalDate first, LocalDate last, Instant recordedBy, Consumer<Object[]> pair) {
        Condition recorded = recordedBy == null ? DSL.noCondition()
                : UsageRecordRow.RECORDED_AT.le(recordedBy.atOffset(ZoneOffset.UTC));
        db.select(UsageRecordRow.CUSTOMER_ID, UsageRecordRow.END_USER_ID, DSL.max(UsageRecordRow.USAGE_DATE)).from(UsageRecordRow.TABLE)
                .where(UsageRecordRow.USAGE_DATE.between(first, last)).and(UsageRecordRow.CURRENCY.eq(currency))
                .and(UsageRecordRow.END_USER_ID.isNotNull()).and(UsageRecordRow.EXACT_VALUE.gt(BigDecimal.ZERO)).and(recorded)
                .and(notInBlocks())
                .groupBy(UsageRecordRow.CUSTOMER_ID, UsageRecordRow.END_USER_ID)
                .forEach(r -> pair.accept(new Object[]{r.value1(), r.value2(), r.value3()}));
    }

    /** The row's posting has no block yet (column names qualified: both tables have posting_id and customer_id). */
    private static Condition notInBlocks() {
        return DSL.notExists(DSL.selectOne().from(Block.TABLE)
                .where(DSL.field(DSL.name("usage_block", "posting_id"), String.class)
                        .eq(DSL.field(DSL.name("usage_record", "posting_id"), String.class)))
                .and(DSL.field(DSL.name("usage_block", "customer_id"), String.class)
                        .eq(DSL.field(DSL.name("usage_record", "customer_id"), String.class))));
    }

    private static LedgerRecord record(Record r, long fingerprint) {
        return new LedgerRecord(r.get(UsageRecordRow.RECORD_ID), r.get(UsageRecordRow.CUSTOMER_ID),
                r.get(UsageRecordRow.END_USER_ID), r.get(UsageRecordRow.OCCURRED_AT).toInstant(),
                r.get(UsageRecordRow.USAGE_DATE), r.get(UsageRecordRow.MODEL), r.get(UsageRecordRow.FEATURE),
                r.get(UsageRecordRow.PROVIDER), r.get(UsageRecordRow.INPUT_TOKENS), r.get(UsageRecordRow.OUTPUT_TOKENS),
                r.get(UsageRecordRow.CACHED_TOKENS), r.get(UsageRecordRow.OTHER_UNITS), r.get(UsageRecordRow.METADATA),
                r.get(UsageRecordRow.CURRENCY).strip(), r.get(UsageRecordRow.EXACT_VALUE).stripTrailingZeros(),
                r.get(UsageRecordRow.EXACT_COST).stripTrailingZeros(), r.get(UsageRecordRow.COST_ROLE),
                r.get(UsageRecordRow.RATE_CARDS), r.get(UsageRecordRow.COST_CARD), r.get(UsageRecordRow.POSTING_ID),
                r.get(UsageRecordRow.ENTRY_ID), r.get(UsageRecordRow.BATCH_ID), r.get(UsageRecordRow.RECORDED_AT).toInstant(),
                fingerprint);
    }
}
