package dev.tokenledger.projections;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * The read-model tables (created by Flyway, see adapters' db/migration) as typed jOOQ references.
 * Written by hand rather than generated so the build needs no database.
 */
public final class LedgerTables {

    private LedgerTables() {
    }

    public static final class GlEntry {
        public static final Table<Record> TABLE = DSL.table(DSL.name("gl_entry"));
        public static final Field<String> ENTRY_ID = f("gl_entry", "entry_id", SQLDataType.VARCHAR);
        public static final Field<String> KIND = f("gl_entry", "kind", SQLDataType.VARCHAR);
        public static final Field<LocalDate> EFFECTIVE_DATE = f("gl_entry", "effective_date", SQLDataType.LOCALDATE);
        public static final Field<LocalDate> POSTING_DATE = f("gl_entry", "posting_date", SQLDataType.LOCALDATE);
        public static final Field<Boolean> PRIOR_PERIOD = f("gl_entry", "prior_period", SQLDataType.BOOLEAN);
        public static final Field<String> MEMO = f("gl_entry", "memo", SQLDataType.VARCHAR);
        public static final Field<String> REASON = f("gl_entry", "reason", SQLDataType.VARCHAR);
        public static final Field<String> POLICY_VERSION = f("gl_entry", "policy_version", SQLDataType.VARCHAR);
        public static final Field<String> REVERSES_ENTRY_ID = f("gl_entry", "reverses_entry_id", SQLDataType.VARCHAR);
        public static final Field<String> REVERSED_BY_ENTRY_ID = f("gl_entry", "reversed_by_entry_id", SQLDataType.VARCHAR);
        public static final Field<String> SOURCE_EVENT_TYPE = f("gl_entry", "source_event_type", SQLDataType.VARCHAR);
        public static final Field<OffsetDateTime> RECORDED_AT = f("gl_entry", "recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        public static final Field<Long> GLOBAL_INDEX = f("gl_entry", "global_index", SQLDataType.BIGINT);

        private GlEntry() {
        }
    }

    public static final class GlLine {
        public static final Table<Record> TABLE = DSL.table(DSL.name("gl_line"));
        public static final Field<String> ENTRY_ID = f("gl_line", "entry_id", SQLDataType.VARCHAR);
        public static final Field<Integer> LINE_NO = f("gl_line", "line_no", SQLDataType.INTEGER);
        public static final Field<String> ACCOUNT_CODE = f("gl_line", "account_code", SQLDataType.VARCHAR);
        public static final Field<String> SIDE = f("gl_line", "side", SQLDataType.VARCHAR);
        public static final Field<String> CURRENCY = f("gl_line", "currency", SQLDataType.VARCHAR);
        public static final Field<Long> DEBIT_MINOR = f("gl_line", "debit_minor", SQLDataType.BIGINT);
        public static final Field<Long> CREDIT_MINOR = f("gl_line", "credit_minor", SQLDataType.BIGINT);
        public static final Field<String> CUSTOMER = f("gl_line", "customer", SQLDataType.VARCHAR);
        public static final Field<String> CONTRACT = f("gl_line", "contract", SQLDataType.VARCHAR);
        public static final Field<String> CREDIT_POOL = f("gl_line", "credit_pool", SQLDataType.VARCHAR);
        public static final Field<String> MODEL = f("gl_line", "model", SQLDataType.VARCHAR);
        public static final Field<String> FEATURE = f("gl_line", "feature", SQLDataType.VARCHAR);
        public static final Field<String> PRODUCT = f("gl_line", "product", SQLDataType.VARCHAR);
        public static final Field<LocalDate> EFFECTIVE_DATE = f("gl_line", "effective_date", SQLDataType.LOCALDATE);
        public static final Field<LocalDate> POSTING_DATE = f("gl_line", "posting_date", SQLDataType.LOCALDATE);
        public static final Field<OffsetDateTime> RECORDED_AT = f("gl_line", "recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        public static final Field<Long> GLOBAL_INDEX = f("gl_line", "global_index", SQLDataType.BIGINT);

        private GlLine() {
        }
    }

    /** Running totals per account, currency and dimension combination ('' where a dimension is absent). */
    /** Debit and credit sums by account, currency, posting day and recorded hour (V22): what trial balances read. */
    public static final class DailyBalance {
        public static final Table<Record> TABLE = DSL.table(DSL.name("gl_daily_balance"));
        public static final Field<String> ACCOUNT_CODE = f("gl_daily_balance", "account_code", SQLDataType.VARCHAR);
        public static final Field<String> CURRENCY = f("gl_daily_balance", "currency", SQLDataType.VARCHAR);
        public static final Field<java.time.LocalDate> POSTING_DATE = f("gl_daily_balance", "posting_date", SQLDataType.LOCALDATE);
        /** Hours since 1970-01-01T00:00Z of the lines' recorded time. */
        public static final Field<Long> RECORDED_HOUR = f("gl_daily_balance", "recorded_hour", SQLDataType.BIGINT);
        public static final Field<java.math.BigDecimal> DEBIT_MINOR = f("gl_daily_balance", "debit_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<java.math.BigDecimal> CREDIT_MINOR = f("gl_daily_balance", "credit_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<Long> LINE_COUNT = f("gl_daily_balance", "line_count", SQLDataType.BIGINT);

        private DailyBalance() {
        }

        /** The recorded hour of an instant: hours since the epoch, rounded down. */
        public static long hourOf(java.time.Instant instant) {
            return Math.floorDiv(instant.getEpochSecond(), 3600);
        }
    }

    /**
     * Debit and credit sums by recorded second, account, currency and posting day (V26): the part of a trial balance
     * "as known at" an instant that falls in the instant's own hour, before its second.
     */
    public static final class SecondBalance {
        public static final Table<Record> TABLE = DSL.table(DSL.name("gl_balance_by_second"));
        /** Seconds since 1970-01-01T00:00Z of the lines' recorded time. */
        public static final Field<Long> RECORDED_SECOND = f("gl_balance_by_second", "recorded_second", SQLDataType.BIGINT);
        public static final Field<String> ACCOUNT_CODE = f("gl_balance_by_second", "account_code", SQLDataType.VARCHAR);
        public static final Field<String> CURRENCY = f("gl_balance_by_second", "currency", SQLDataType.VARCHAR);
        public static final Field<java.time.LocalDate> POSTING_DATE = f("gl_balance_by_second", "posting_date", SQLDataType.LOCALDATE);
        public static final Field<java.math.BigDecimal> DEBIT_MINOR = f("gl_balance_by_second", "debit_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<java.math.BigDecimal> CREDIT_MINOR = f("gl_balance_by_second", "credit_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<Long> LINE_COUNT = f("gl_balance_by_second", "line_count", SQLDataType.BIGINT);

        private SecondBalance() {
        }
    }

    /** Debits and credits by account, currency, posting month (YYYY-MM) and the event type that posted them. */
    public static final class MonthlyBySource {
        public static final Table<Record> TABLE = DSL.table(DSL.name("gl_monthly_by_source"));
        public static final Field<String> ACCOUNT_CODE = f("gl_monthly_by_source", "account_code", SQLDataType.VARCHAR);
        public static final Field<String> CURRENCY = f("gl_monthly_by_source", "currency", SQLDataType.VARCHAR);
        public static final Field<String> POSTING_MONTH = f("gl_monthly_by_source", "posting_month", SQLDataType.VARCHAR);
        public static final Field<String> SOURCE_EVENT_TYPE = f("gl_monthly_by_source", "source_event_type", SQLDataType.VARCHAR);
        public static final Field<java.math.BigDecimal> DEBIT_MINOR = f("gl_monthly_by_source", "debit_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<java.math.BigDecimal> CREDIT_MINOR = f("gl_monthly_by_source", "credit_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<Long> LINE_COUNT = f("gl_monthly_by_source", "line_count", SQLDataType.BIGINT);

        private MonthlyBySource() {
        }
    }

    /**
     * Net credits by posting month and the dimensions a contract-liability movement is classified by: the account of
     * the line paired with it in its entry, whether the entry is a business event, whether the line was an increase.
     */
    public static final class PairedMovement {
        public static final Table<Record> TABLE = DSL.table(DSL.name("gl_paired_movement"));
        public static final Field<String> CURRENCY = f("gl_paired_movement", "currency", SQLDataType.VARCHAR);
        public static final Field<String> POSTING_MONTH = f("gl_paired_movement", "posting_month", SQLDataType.VARCHAR);
        public static final Field<String> ACCOUNT_CODE = f("gl_paired_movement", "account_code", SQLDataType.VARCHAR);
        public static final Field<String> CUSTOMER = f("gl_paired_movement", "customer", SQLDataType.VARCHAR);
        public static final Field<String> CREDIT_POOL = f("gl_paired_movement", "credit_pool", SQLDataType.VARCHAR);
        public static final Field<String> CONTRACT = f("gl_paired_movement", "contract", SQLDataType.VARCHAR);
        public static final Field<String> PRODUCT = f("gl_paired_movement", "product", SQLDataType.VARCHAR);
        public static final Field<Boolean> BUSINESS_EVENT = f("gl_paired_movement", "business_event", SQLDataType.BOOLEAN);
        public static final Field<String> COUNTER_ACCOUNT = f("gl_paired_movement", "counter_account", SQLDataType.VARCHAR);
        public static final Field<Boolean> INCREASE = f("gl_paired_movement", "increase", SQLDataType.BOOLEAN);
        public static final Field<java.math.BigDecimal> NET_CREDIT_MINOR = f("gl_paired_movement", "net_credit_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<Long> LINE_COUNT = f("gl_paired_movement", "line_count", SQLDataType.BIGINT);

        private PairedMovement() {
        }
    }

    public static final class AccountBalance {
        public static final Table<Record> TABLE = DSL.table(DSL.name("account_balance"));
        public static final Field<String> ACCOUNT_CODE = f("account_balance", "account_code", SQLDataType.VARCHAR);
        public static final Field<String> CURRENCY = f("account_balance", "currency", SQLDataType.VARCHAR);
        public static final Field<String> CUSTOMER = f("account_balance", "customer", SQLDataType.VARCHAR);
        public static final Field<String> CONTRACT = f("account_balance", "contract", SQLDataType.VARCHAR);
        public static final Field<String> CREDIT_POOL = f("account_balance", "credit_pool", SQLDataType.VARCHAR);
        public static final Field<String> MODEL = f("account_balance", "model", SQLDataType.VARCHAR);
        public static final Field<String> FEATURE = f("account_balance", "feature", SQLDataType.VARCHAR);
        public static final Field<String> PRODUCT = f("account_balance", "product", SQLDataType.VARCHAR);
        /** NUMERIC(38): the sum of every line ever posted, which no number of postings can overflow. */
        public static final Field<java.math.BigDecimal> DEBIT_MINOR = f("account_balance", "debit_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<java.math.BigDecimal> CREDIT_MINOR = f("account_balance", "credit_minor", SQLDataType.NUMERIC(38, 0));
        public static final Field<Long> LINE_COUNT = f("account_balance", "line_count", SQLDataType.BIGINT);

        private AccountBalance() {
        }
    }

    public static final class AuditRecord {
        public static final Table<Record> TABLE = DSL.table(DSL.name("audit_record"));
        public static final Field<String> SUBJECT_ID = f("audit_record", "subject_id", SQLDataType.VARCHAR);
        public static final Field<String> SUBJECT_TYPE = f("audit_record", "subject_type", SQLDataType.VARCHAR);
        public static final Field<String> EVENT_IDENTIFIER = f("audit_record", "event_identifier", SQLDataType.VARCHAR);
        public static final Field<String> EVENT_TYPE = f("audit_record", "event_type", SQLDataType.VARCHAR);
        public static final Field<String> AGGREGATE_IDENTIFIER = f("audit_record", "aggregate_identifier", SQLDataType.VARCHAR);
        public static final Field<Long> SEQUENCE_NUMBER = f("audit_record", "sequence_number", SQLDataType.BIGINT);
        public static final Field<Long> GLOBAL_INDEX = f("audit_record", "global_index", SQLDataType.BIGINT);
        public static final Field<String> COMMAND_NAME = f("audit_record", "command_name", SQLDataType.VARCHAR);
        public static final Field<String> COMMAND_ID = f("audit_record", "command_id", SQLDataType.VARCHAR);
        public static final Field<String> PRINCIPAL = f("audit_record", "principal", SQLDataType.VARCHAR);
        public static final Field<String> CORRELATION_ID = f("audit_record", "correlation_id", SQLDataType.VARCHAR);
        public static final Field<String> TRACE_ID = f("audit_record", "trace_id", SQLDataType.VARCHAR);
        public static final Field<String> CLIENT_CORRELATION_ID = f("audit_record", "client_correlation_id", SQLDataType.VARCHAR);
        public static final Field<String> POLICY_VERSION = f("audit_record", "policy_version", SQLDataType.VARCHAR);
        public static final Field<String> INPUT_HASH = f("audit_record", "input_hash", SQLDataType.VARCHAR);
        public static final Field<OffsetDateTime> RECORDED_AT = f("audit_record", "recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE);

        private AuditRecord() {
        }
    }

    public static final class PeriodStatus {
        public static final Table<Record> TABLE = DSL.table(DSL.name("period_status"));
        public static final Field<String> PERIOD = f("period_status", "period", SQLDataType.VARCHAR);
        public static final Field<String> STATUS = f("period_status", "status", SQLDataType.VARCHAR);
        public static final Field<String> LAST_REASON = f("period_status", "last_reason", SQLDataType.VARCHAR);
        public static final Field<String> CHANGED_BY = f("period_status", "changed_by", SQLDataType.VARCHAR);
        public static final Field<OffsetDateTime> CHANGED_AT = f("period_status", "changed_at", SQLDataType.TIMESTAMPWITHTIMEZONE);

        private PeriodStatus() {
        }
    }

    private static <T> Field<T> f(String table, String column, org.jooq.DataType<T> type) {
        return DSL.field(DSL.name(table, column), type);
    }
}
