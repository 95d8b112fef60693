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
 * The usage ledger's tables (Flyway V9, V10) as typed jOOQ references: source data, written in the same transaction
 * as the events that post the records, never updated, deleted or rebuilt. CHAR columns are typed VARCHAR here: on H2
 * a bind value typed CHAR is cast to CHAR(1), which breaks comparisons.
 */
final class UsageLedgerTables {

    private UsageLedgerTables() {
    }

    /** Source data: one row per accepted record id, with its content fingerprint. */
    static final class RecordKey {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_record_key"));
        public static final Field<String> RECORD_ID = f("record_id", SQLDataType.VARCHAR);
        public static final Field<String> FINGERPRINT = f("fingerprint", SQLDataType.VARCHAR);
        public static final Field<LocalDate> USAGE_DATE = f("usage_date", SQLDataType.LOCALDATE);
    }

    /** Source data: every accepted usage record, priced, costed and linked to its posting. */
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
