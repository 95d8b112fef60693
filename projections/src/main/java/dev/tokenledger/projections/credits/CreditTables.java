package dev.tokenledger.projections.credits;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The credit read-model tables (Flyway V4) as typed jOOQ references. */
final class CreditTables {

    private CreditTables() {
    }

    static final class Pool {
        static final Table<Record> TABLE = DSL.table(DSL.name("credit_pool"));
        static final Field<String> CUSTOMER_ID = f("customer_id", SQLDataType.VARCHAR);
        static final Field<String> POOL_ID = f("pool_id", SQLDataType.VARCHAR);
        static final Field<String> PROGRAM_ID = f("program_id", SQLDataType.VARCHAR);
        static final Field<String> POLICY_VERSION = f("policy_version", SQLDataType.VARCHAR);
        static final Field<String> BREAKAGE_POLICY = f("breakage_policy", SQLDataType.VARCHAR);
        static final Field<String> CURRENCY = f("currency", SQLDataType.VARCHAR);
        static final Field<Boolean> PROMOTIONAL = f("promotional", SQLDataType.BOOLEAN);
        static final Field<LocalDate> PURCHASED_ON = f("purchased_on", SQLDataType.LOCALDATE);
        static final Field<LocalDate> EXPIRES_ON = f("expires_on", SQLDataType.LOCALDATE);
        static final Field<BigDecimal> CREDITS = f("credits", SQLDataType.NUMERIC(38, 18));
        static final Field<BigDecimal> REDEEMED = f("redeemed", SQLDataType.NUMERIC(38, 18));
        static final Field<BigDecimal> EXPECTED = f("expected", SQLDataType.NUMERIC(38, 18));
        static final Field<BigDecimal> REFUNDED_CREDITS = f("refunded_credits", SQLDataType.NUMERIC(38, 18));
        static final Field<Long> PRICE_MINOR = f("price_minor", SQLDataType.BIGINT);
        static final Field<Long> USAGE_MINOR = f("usage_minor", SQLDataType.BIGINT);
        static final Field<Long> BREAKAGE_MINOR = f("breakage_minor", SQLDataType.BIGINT);
        static final Field<Long> REFUND_MINOR = f("refund_minor", SQLDataType.BIGINT);
        static final Field<Long> ESCHEAT_MINOR = f("escheat_minor", SQLDataType.BIGINT);
        static final Field<Boolean> EXPIRED = f("expired", SQLDataType.BOOLEAN);
        static final Field<LocalDate> LAST_ACTIVITY = f("last_activity", SQLDataType.LOCALDATE);
        static final Field<Integer> DORMANCY_DAYS = f("dormancy_days", SQLDataType.INTEGER);
        static final Field<Boolean> DORMANT = f("dormant", SQLDataType.BOOLEAN);
        static final Field<String> CONTRACT_ID = f("contract_id", SQLDataType.VARCHAR);
        static final Field<String> OBLIGATION_ID = f("obligation_id", SQLDataType.VARCHAR);
        static final Field<String> UP_JURISDICTION = f("up_jurisdiction", SQLDataType.VARCHAR);
        static final Field<LocalDate> UP_REPORTABLE_ON = f("up_reportable_on", SQLDataType.LOCALDATE);
        static final Field<LocalDate> UP_DUE_ON = f("up_due_on", SQLDataType.LOCALDATE);
        static final Field<Long> UP_REMITTED_MINOR = f("up_remitted_minor", SQLDataType.BIGINT);
        static final Field<?>[] ALL = {CUSTOMER_ID, POOL_ID, PROGRAM_ID, POLICY_VERSION, BREAKAGE_POLICY, CURRENCY,
                PROMOTIONAL, PURCHASED_ON, EXPIRES_ON, CREDITS, REDEEMED, EXPECTED, REFUNDED_CREDITS, PRICE_MINOR,
                USAGE_MINOR, BREAKAGE_MINOR, REFUND_MINOR, ESCHEAT_MINOR, EXPIRED, LAST_ACTIVITY, DORMANCY_DAYS, DORMANT};

        private static <T> Field<T> f(String column, DataType<T> type) {
            return DSL.field(DSL.name("credit_pool", column), type);
        }
    }

    static final class Overage {
        static final Table<Record> TABLE = DSL.table(DSL.name("wallet_overage"));
        static final Field<String> CUSTOMER_ID = DSL.field(DSL.name("wallet_overage", "customer_id"), SQLDataType.VARCHAR);
        static final Field<String> CURRENCY = DSL.field(DSL.name("wallet_overage", "currency"), SQLDataType.VARCHAR);
        static final Field<BigDecimal> OVERAGE_VALUE = DSL.field(DSL.name("wallet_overage", "overage_value"), SQLDataType.NUMERIC(38, 18));
        static final Field<Long> OVERAGE_MINOR = DSL.field(DSL.name("wallet_overage", "overage_minor"), SQLDataType.BIGINT);
    }

    static final class Program {
        static final Table<Record> TABLE = DSL.table(DSL.name("credit_program"));
        static final Field<String> PROGRAM_ID = f("program_id", SQLDataType.VARCHAR);
        static final Field<Integer> VERSION = f("version", SQLDataType.INTEGER);
        static final Field<LocalDate> EFFECTIVE_FROM = f("effective_from", SQLDataType.LOCALDATE);
        static final Field<String> CURRENCY = f("currency", SQLDataType.VARCHAR);
        static final Field<BigDecimal> VALUE_PER_CREDIT = f("value_per_credit", SQLDataType.NUMERIC(38, 18));
        static final Field<String> EXPIRY_KIND = f("expiry_kind", SQLDataType.VARCHAR);
        static final Field<Integer> EXPIRY_DAYS = f("expiry_days", SQLDataType.INTEGER);
        static final Field<LocalDate> EXPIRY_DATE = f("expiry_date", SQLDataType.LOCALDATE);
        static final Field<String> BREAKAGE_POLICY = f("breakage_policy", SQLDataType.VARCHAR);
        static final Field<BigDecimal> EXPECTED_RATE = f("expected_rate", SQLDataType.NUMERIC(12, 8));
        static final Field<String> ESCHEAT_BASIS = f("escheat_basis", SQLDataType.VARCHAR);
        static final Field<BigDecimal> ESCHEAT_SHARE = f("escheat_share", SQLDataType.NUMERIC(12, 8));
        static final Field<Boolean> REFUNDS_ALLOWED = f("refunds_allowed", SQLDataType.BOOLEAN);
        static final Field<String> ADOPTED_BY = f("adopted_by", SQLDataType.VARCHAR);
        static final Field<java.time.OffsetDateTime> RECORDED_AT = f("recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
        static final Field<Integer> DORMANCY_DAYS = f("dormancy_days", SQLDataType.INTEGER);
        static final Field<?>[] ALL = {DORMANCY_DAYS, PROGRAM_ID, VERSION, EFFECTIVE_FROM, CURRENCY, VALUE_PER_CREDIT, EXPIRY_KIND,
                EXPIRY_DAYS, EXPIRY_DATE, BREAKAGE_POLICY, EXPECTED_RATE, ESCHEAT_SHARE, ESCHEAT_BASIS, REFUNDS_ALLOWED, ADOPTED_BY,
                RECORDED_AT};

        private static <T> Field<T> f(String column, DataType<T> type) {
            return DSL.field(DSL.name("credit_program", column), type);
        }
    }

    static final class Hold {
        static final Table<Record> TABLE = DSL.table(DSL.name("wallet_hold"));
        static final Field<String> CUSTOMER_ID = DSL.field(DSL.name("wallet_hold", "customer_id"), SQLDataType.VARCHAR);
        static final Field<String> HOLD_ID = DSL.field(DSL.name("wallet_hold", "hold_id"), SQLDataType.VARCHAR);
        static final Field<BigDecimal> CREDITS = DSL.field(DSL.name("wallet_hold", "credits"), SQLDataType.NUMERIC(38, 18));
        static final Field<java.time.OffsetDateTime> EXPIRES_AT = DSL.field(DSL.name("wallet_hold", "expires_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
