package dev.tokenledger.adapters.usageledger;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The usage ledger's tables as typed jOOQ references: source data, written in the same transaction as the events
 * that post the records, never updated, deleted or rebuilt. Blocks, keys and daily totals (V23) and monthly totals (V28) hold it; the
 * row-per-record tables of V9/V10 are only read, by the migration into blocks and until it has finished. CHAR columns are typed VARCHAR here: on H2
 * a bind value typed CHAR is cast to CHAR(1), which breaks comparisons.
 */
final class UsageLedgerTables {

    private UsageLedgerTables() {
    }

    /** Source data: the records of one posting (at most 4,096), encoded by {@link UsageBlockCodec}, with their totals. */
    static final class Block {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_block"));
        public static final Field<Long> BLOCK_ID = f("block_id", SQLDataType.BIGINT);
        public static final Field<String> POSTING_ID = f("posting_id", SQLDataType.VARCHAR);
        public static final Field<String> CUSTOMER_ID = f("customer_id", SQLDataType.VARCHAR);
        public static final Field<Integer> BLOCK_SEQ = f("block_seq", SQLDataType.INTEGER);
        public static final Field<String> ENTRY_ID = f("entry_id", SQLDataType.VARCHAR);
        public static final Field<String> BATCH_ID = f("batch_id", SQLDataType.VARCHAR);
        public static final Field<String> CURRENCY = f("currency", SQLDataType.VARCHAR);
        public static final Field<String> USAGE_MONTH = f("usage_month", SQLDataType.VARCHAR);
        public static final Field<LocalDate> FIRST_USAGE_DATE = f("first_usage_date", SQLDataType.LOCALDATE);
        public static final Field<LocalDate> LAST_USAGE_DATE = f("last_usage_date", SQLDataType.LOCALDATE);
        public static final Field<OffsetDateTime> FIRST_OCCURRED_AT = f("first_occurred_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        public static final Field<OffsetDateTime> LAST_OCCURRED_AT = f("last_occurred_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        public static final Field<Integer> RECORDS = f("records", SQLDataType.INTEGER);
        public static final Field<BigDecimal> EXACT_VALUE = f("exact_value", SQLDataType.NUMERIC(38, 18));
        public static final Field<BigDecimal> EXACT_COST = f("exact_cost", SQLDataType.NUMERIC(38, 18));
        public static final Field<OffsetDateTime> RECORDED_AT = f("recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        public static final Field<Boolean> MIGRATED = f("migrated", SQLDataType.BOOLEAN);
        public static final Field<Short> FORMAT = f("format", SQLDataType.SMALLINT);
        public static final Field<Integer> RAW_BYTES = f("raw_bytes", SQLDataType.INTEGER);
        public static final Field<Long> CHECKSUM = f("checksum", SQLDataType.BIGINT);
        public static final Field<byte[]> PAYLOAD = f("payload", SQLDataType.VARBINARY);

        /** Column order of the table, as COPY and batch inserts write it. */
        public static final java.util.List<Field<?>> COLUMNS = java.util.List.of(BLOCK_ID, POSTING_ID, CUSTOMER_ID,
                BLOCK_SEQ, ENTRY_ID, BATCH_ID, CURRENCY, USAGE_MONTH, FIRST_USAGE_DATE, LAST_USAGE_DATE,
                FIRST_OCCURRED_AT, LAST_OCCURRED_AT, RECORDS, EXACT_VALUE, EXACT_COST, RECORDED_AT, MIGRATED, FORMAT,
                RAW_BYTES, CHECKSUM, PAYLOAD);
    }

    /** Source data: exactly once, forever. Every accepted record id, its 64-bit content fingerprint, its block. */
    static final class Key {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_key"));
        public static final Field<String> RECORD_ID = f("record_id", SQLDataType.VARCHAR);
        public static final Field<Long> FINGERPRINT = f("fingerprint", SQLDataType.BIGINT);
        public static final Field<Long> BLOCK_ID = f("block_id", SQLDataType.BIGINT);
    }

    /** Daily totals of each block by day, model, feature and cost role, written with the block. */
    static final class Daily {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_daily"));
        public static final Field<Long> BLOCK_ID = f("block_id", SQLDataType.BIGINT);
        public static final Field<String> CUSTOMER_ID = f("customer_id", SQLDataType.VARCHAR);
        public static final Field<LocalDate> USAGE_DATE = f("usage_date", SQLDataType.LOCALDATE);
        public static final Field<String> CURRENCY = f("currency", SQLDataType.VARCHAR);
        public static final Field<String> MODEL = f("model", SQLDataType.VARCHAR);
        public static final Field<String> FEATURE = f("feature", SQLDataType.VARCHAR);
        public static final Field<String> COST_ROLE = f("cost_role", SQLDataType.VARCHAR);
        public static final Field<Integer> RECORDS = f("records", SQLDataType.INTEGER);
        public static final Field<Long> INPUT_TOKENS = f("input_tokens", SQLDataType.BIGINT);
        public static final Field<Long> OUTPUT_TOKENS = f("output_tokens", SQLDataType.BIGINT);
        public static final Field<Long> CACHED_TOKENS = f("cached_tokens", SQLDataType.BIGINT);
        public static final Field<BigDecimal> EXACT_VALUE = f("exact_value", SQLDataType.NUMERIC(38, 18));
        public static final Field<BigDecimal> EXACT_COST = f("exact_cost", SQLDataType.NUMERIC(38, 18));

        public static final java.util.List<Field<?>> COLUMNS = java.util.List.of(BLOCK_ID, CUSTOMER_ID, USAGE_DATE,
                CURRENCY, MODEL, FEATURE, COST_ROLE, RECORDS, INPUT_TOKENS, OUTPUT_TOKENS, CACHED_TOKENS, EXACT_VALUE,
                EXACT_COST);
    }

    /**
     * Source data: the records of one write summed by usage month and currency (V28), written with its blocks. The
     * records-against-postings tie reads these, not the blocks.
     */
    static final class MonthTotal {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_month_total"));
        public static final Field<Long> FIRST_BLOCK_ID = f("first_block_id", SQLDataType.BIGINT);
        public static final Field<String> USAGE_MONTH = f("usage_month", SQLDataType.VARCHAR);
        public static final Field<String> CURRENCY = f("currency", SQLDataType.VARCHAR);
        public static final Field<Integer> BLOCKS = f("blocks", SQLDataType.INTEGER);
        public static final Field<Long> RECORDS = f("records", SQLDataType.BIGINT);
        public static final Field<BigDecimal> EXACT_VALUE = f("exact_value", SQLDataType.NUMERIC(38, 18));
        public static final Field<BigDecimal> EXACT_COST = f("exact_cost", SQLDataType.NUMERIC(38, 18));
    }

    /** Job state of the move from rows to blocks (one row). */
    static final class MigrationState {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_ledger_migration"));
        public static final Field<Short> ID = f("id", SQLDataType.SMALLINT);
        public static final Field<String> STATE = f("state", SQLDataType.VARCHAR);
        public static final Field<Long> LEGACY_RECORDS = f("legacy_records", SQLDataType.BIGINT);
        public static final Field<Long> MIGRATED_RECORDS = f("migrated_records", SQLDataType.BIGINT);
        public static final Field<Long> MIGRATED_POSTINGS = f("migrated_postings", SQLDataType.BIGINT);
        public static final Field<OffsetDateTime> STARTED_AT = f("started_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        public static final Field<OffsetDateTime> UPDATED_AT = f("updated_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        public static final Field<OffsetDateTime> FINISHED_AT = f("finished_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        public static final Field<String> DETAIL = f("detail", SQLDataType.VARCHAR);
    }

    /** Row-per-record storage before blocks (V8-V10): one row per accepted record id, with its content fingerprint. */
    static final class RecordKey {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_record_key"));
        public static final Field<String> RECORD_ID = f("record_id", SQLDataType.VARCHAR);
        public static final Field<String> FINGERPRINT = f("fingerprint", SQLDataType.VARCHAR);
        public static final Field<LocalDate> USAGE_DATE = f("usage_date", SQLDataType.LOCALDATE);
    }

    /** Row-per-record storage before blocks (V9, V10): every accepted usage record, priced, costed, linked to its posting. */
    static final class UsageRecordRow {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_record"));
        public static final Field<String> RECORD_ID = f("record_id", SQLDataType.VARCHAR);
        public static final Field<String> CUSTOMER_ID = f("customer_id", SQLDataType.VARCHAR);
        public static final Field<String> END_USER_ID = f("end_user_id", SQLDataType.VARCHAR);
        public static final Field<OffsetDateTime> OCCURRED_AT = f("occurred_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        public static final Field<LocalDate> USAGE_DATE = f("usage_date", SQLDataType.LOCALDATE);
        public static final Field<String> MODEL = f("model", SQLDataType.VARCHAR);
        public static final Field<String> FEATURE = f("feature", SQLDataType.VARCHAR);
        public static final Field<String> PROVIDER = f("provider", SQLDataType.VARCHAR);
        public static final Field<Long> INPUT_TOKENS = f("input_tokens", SQLDataType.BIGINT);
        public static final Field<Long> OUTPUT_TOKENS = f("output_tokens", SQLDataType.BIGINT);
        public static final Field<Long> CACHED_TOKENS = f("cached_tokens", SQLDataType.BIGINT);
        public static final Field<String> OTHER_UNITS = f("other_units", SQLDataType.VARCHAR);
        public static final Field<String> METADATA = f("metadata", SQLDataType.VARCHAR);
        public static final Field<String> CURRENCY = f("currency", SQLDataType.VARCHAR);
        public static final Field<BigDecimal> EXACT_VALUE = f("exact_value", SQLDataType.NUMERIC(38, 18));
        public static final Field<BigDecimal> EXACT_COST = f("exact_cost", SQLDataType.NUMERIC(38, 18));
        public static final Field<String> COST_ROLE = f("cost_role", SQLDataType.VARCHAR);
        public static final Field<String> RATE_CARDS = f("rate_cards", SQLDataType.VARCHAR);
        public static final Field<String> COST_CARD = f("cost_card", SQLDataType.VARCHAR);
        public static final Field<String> POSTING_ID = f("posting_id", SQLDataType.VARCHAR);
        public static final Field<String> ENTRY_ID = f("entry_id", SQLDataType.VARCHAR);
        public static final Field<String> BATCH_ID = f("batch_id", SQLDataType.VARCHAR);
        public static final Field<OffsetDateTime> RECORDED_AT = f("recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE);

        /** Column order of the table, as COPY and batch inserts write it. */
        public static final java.util.List<Field<?>> COLUMNS = java.util.List.of(RECORD_ID, CUSTOMER_ID, END_USER_ID,
                OCCURRED_AT, USAGE_DATE, MODEL, FEATURE, PROVIDER, INPUT_TOKENS, OUTPUT_TOKENS, CACHED_TOKENS,
                OTHER_UNITS, METADATA, CURRENCY, EXACT_VALUE, EXACT_COST, COST_ROLE, RATE_CARDS, COST_CARD,
                POSTING_ID, ENTRY_ID, BATCH_ID, RECORDED_AT);
    }

    private static <T> Field<T> f(String name, DataType<T> type) {
        return DSL.field(DSL.name(name), type);
    }
}
