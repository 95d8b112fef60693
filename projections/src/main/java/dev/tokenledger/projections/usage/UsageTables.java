package dev.tokenledger.projections.usage;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The usage sub-ledger's projection tables (Flyway V8) as typed jOOQ references. The records themselves are source
 * data kept beside the event store (the adapters' usage ledger), not a projection. CHAR columns are typed VARCHAR here: on H2 a
 * bind value typed CHAR is cast to CHAR(1), which breaks comparisons.
 */
public final class UsageTables {

    private UsageTables() {
    }

    /** Projection of UsageRecorded. */
    public static final class Posting {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_posting"));
        public static final Field<String> POSTING_ID = f("posting_id", SQLDataType.VARCHAR);
        public static final Field<String> CUSTOMER_ID = f("customer_id", SQLDataType.VARCHAR);
        public static final Field<String> MODEL = f("model", SQLDataType.VARCHAR);
        public static final Field<String> FEATURE = f("feature", SQLDataType.VARCHAR);
        public static final Field<String> COST_ROLE = f("cost_role", SQLDataType.VARCHAR);
        public static final Field<String> BATCH_ID = f("batch_id", SQLDataType.VARCHAR);
        public static final Field<String> ENTRY_ID = f("entry_id", SQLDataType.VARCHAR);
        public static final Field<String> USAGE_MONTH = f("usage_month", SQLDataType.VARCHAR);
        public static final Field<LocalDate> EFFECTIVE_DATE = f("effective_date", SQLDataType.LOCALDATE);
        public static final Field<LocalDate> POSTING_DATE = f("posting_date", SQLDataType.LOCALDATE);
        public static final Field<Boolean> PRIOR_PERIOD = f("prior_period", SQLDataType.BOOLEAN);
        public static final Field<String> CURRENCY = f("currency", SQLDataType.VARCHAR);
        public static final Field<Integer> RECORDS = f("records", SQLDataType.INTEGER);
        public static final Field<Long> TOKENS = f("tokens", SQLDataType.BIGINT);
        public static final Field<Long> INPUT_TOKENS = f("input_tokens", SQLDataType.BIGINT);
        public static final Field<Long> OUTPUT_TOKENS = f("output_tokens", SQLDataType.BIGINT);
        public static final Field<Long> CACHED_TOKENS = f("cached_tokens", SQLDataType.BIGINT);
        public static final Field<BigDecimal> EXACT_VALUE = f("exact_value", SQLDataType.NUMERIC(38, 18));
        public static final Field<Long> REVENUE_MINOR = f("revenue_minor", SQLDataType.BIGINT);
        public static final Field<BigDecimal> EXACT_COST = f("exact_cost", SQLDataType.NUMERIC(38, 18));
        public static final Field<Long> COST_MINOR = f("cost_minor", SQLDataType.BIGINT);
        public static final Field<String> RATE_CARDS = f("rate_cards", SQLDataType.VARCHAR);
        public static final Field<String> COST_CARDS = f("cost_cards", SQLDataType.VARCHAR);
    }

    /** Projection: the postings summed by usage month, posting month (YYYY-MM) and currency. */
    public static final class PostingMonth {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_posting_month"));
        public static final Field<String> USAGE_MONTH = q("usage_month", SQLDataType.VARCHAR);
        public static final Field<String> POSTING_MONTH = q("posting_month", SQLDataType.VARCHAR);
        public static final Field<String> CURRENCY = q("currency", SQLDataType.VARCHAR);
        public static final Field<Long> RECORDS = q("records", SQLDataType.BIGINT);
        public static final Field<BigDecimal> EXACT_VALUE = q("exact_value", SQLDataType.NUMERIC(38, 18));
        public static final Field<BigDecimal> EXACT_COST = q("exact_cost", SQLDataType.NUMERIC(38, 18));
        public static final Field<BigDecimal> REVENUE_MINOR = q("revenue_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<BigDecimal> COST_MINOR = q("cost_minor", SQLDataType.NUMERIC(38, 0));
    }

    /** Projection: the postings summed by posting month (YYYY-MM), customer, model, feature and currency (V27). */
    public static final class MarginMonth {
        public static final Table<Record> TABLE = DSL.table(DSL.name("usage_margin_month"));
        public static final Field<String> POSTING_MONTH = m("posting_month", SQLDataType.VARCHAR);
        public static final Field<String> CUSTOMER_ID = m("customer_id", SQLDataType.VARCHAR);
        public static final Field<String> MODEL = m("model", SQLDataType.VARCHAR);
        public static final Field<String> FEATURE = m("feature", SQLDataType.VARCHAR);
        public static final Field<String> CURRENCY = m("currency", SQLDataType.VARCHAR);
        public static final Field<Long> RECORDS = m("records", SQLDataType.BIGINT);
        public static final Field<BigDecimal> TOKENS = m("tokens", SQLDataType.NUMERIC(38, 0));
        public static final Field<BigDecimal> REVENUE_MINOR = m("revenue_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<BigDecimal> COST_MINOR = m("cost_minor", SQLDataType.NUMERIC(38, 0));

        private static <T> Field<T> m(String column, DataType<T> type) {
            return DSL.field(DSL.name("usage_margin_month", column), type);
        }
    }

    /** Projection of InfrastructureCostAllocated. */
    public static final class InfrastructureShare {
        public static final Table<Record> TABLE = DSL.table(DSL.name("infrastructure_allocation"));
        public static final Field<String> ALLOCATION_ID = f("allocation_id", SQLDataType.VARCHAR);
        public static final Field<String> CUSTOMER_ID = f("customer_id", SQLDataType.VARCHAR);
        public static final Field<String> MODEL = f("model", SQLDataType.VARCHAR);
        public static final Field<String> USAGE_MONTH = f("usage_month", SQLDataType.VARCHAR);
        public static final Field<LocalDate> POSTING_DATE = f("posting_date", SQLDataType.LOCALDATE);
        public static final Field<String> CURRENCY = f("currency", SQLDataType.VARCHAR);
        public static final Field<Long> TOKENS = f("tokens", SQLDataType.BIGINT);
        public static final Field<Long> AMOUNT_MINOR = f("amount_minor", SQLDataType.BIGINT);
    }

    private static <T> Field<T> f(String name, DataType<T> type) {
        return DSL.field(DSL.name(name), type);
    }

    /** A column named with its table: an upsert's SET clause would otherwise find it ambiguous (PostgreSQL). */
    private static <T> Field<T> q(String column, org.jooq.DataType<T> type) {
        return DSL.field(DSL.name("usage_posting_month", column), type);
    }
}
