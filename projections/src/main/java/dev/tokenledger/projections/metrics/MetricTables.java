package dev.tokenledger.projections.metrics;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The metric projections' tables (Flyway V17). */
final class MetricTables {

    private MetricTables() {
    }

    private static <T> Field<T> f(String table, String column, DataType<T> type) {
        return DSL.field(DSL.name(table, column), type);
    }

    static final class RevenueDaily {
        static final String N = "metric_revenue_daily";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<LocalDate> DAY = f(N, "booked_on", SQLDataType.LOCALDATE);
        static final Field<String> CURRENCY = f(N, "currency", SQLDataType.VARCHAR);
        static final Field<String> CUSTOMER = f(N, "customer", SQLDataType.VARCHAR);
        static final Field<String> STREAM = f(N, "stream", SQLDataType.VARCHAR);
        static final Field<BigDecimal> AMOUNT = f(N, "amount_minor", SQLDataType.NUMERIC(38, 0));
    }

    static final class PnlMonthly {
        static final String N = "metric_pnl_monthly";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<String> MONTH = f(N, "period_month", SQLDataType.VARCHAR);
        static final Field<String> CURRENCY = f(N, "currency", SQLDataType.VARCHAR);
        static final Field<String> CUSTOMER = f(N, "customer", SQLDataType.VARCHAR);
        static final Field<String> MODEL = f(N, "model", SQLDataType.VARCHAR);
        static final Field<String> FEATURE = f(N, "feature", SQLDataType.VARCHAR);
        static final Field<String> ROLE = f(N, "role", SQLDataType.VARCHAR);
        static final Field<BigDecimal> AMOUNT = f(N, "amount_minor", SQLDataType.NUMERIC(38, 0));
    }

    static final class TokensMonthly {
        static final String N = "metric_tokens_monthly";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<String> MONTH = f(N, "period_month", SQLDataType.VARCHAR);
        static final Field<String> CURRENCY = f(N, "currency", SQLDataType.VARCHAR);
        static final Field<String> CUSTOMER = f(N, "customer", SQLDataType.VARCHAR);
        static final Field<String> MODEL = f(N, "model", SQLDataType.VARCHAR);
        static final Field<String> FEATURE = f(N, "feature", SQLDataType.VARCHAR);
        static final Field<BigDecimal> TOKENS = f(N, "tokens", SQLDataType.NUMERIC(38, 0));
        static final Field<Long> RECORDS = f(N, "records", SQLDataType.BIGINT);
    }
}
