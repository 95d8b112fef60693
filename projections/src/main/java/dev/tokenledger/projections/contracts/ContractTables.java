package dev.tokenledger.projections.contracts;

import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The contract read-model tables (Flyway V13) as typed jOOQ references. */
final class ContractTables {

    private ContractTables() {
    }

    /** Every column a table holder declares, so a select converts each value to its field's Java type. */
    static Field<?>[] all(Class<?>... holders) {
        java.util.List<Field<?>> fields = new java.util.ArrayList<>();
        for (Class<?> holder : holders) {
            for (java.lang.reflect.Field member : holder.getDeclaredFields()) {
                if (Field.class.isAssignableFrom(member.getType())) {
                    try {
                        fields.add((Field<?>) member.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return fields.toArray(Field<?>[]::new);
    }

    private static <T> Field<T> f(String table, String column, DataType<T> type) {
        return DSL.field(DSL.name(table, column), type);
    }

    static final class Ssp {
        static final String N = "ssp_version";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<String> SSP_ID = f(N, "ssp_id", SQLDataType.VARCHAR);
        static final Field<Integer> VERSION = f(N, "version", SQLDataType.INTEGER);
        static final Field<LocalDate> EFFECTIVE_FROM = f(N, "effective_from", SQLDataType.LOCALDATE);
        static final Field<String> DESCRIPTION = f(N, "description", SQLDataType.VARCHAR);
        static final Field<String> CURRENCY = f(N, "currency", SQLDataType.VARCHAR);
        static final Field<String> METHOD = f(N, "method", SQLDataType.VARCHAR);
        static final Field<String> UNIT = f(N, "unit", SQLDataType.VARCHAR);
        static final Field<String> UNIT_PRICE = f(N, "unit_price", SQLDataType.VARCHAR);
        static final Field<String> RANGE_LOW = f(N, "range_low", SQLDataType.VARCHAR);
        static final Field<String> RANGE_HIGH = f(N, "range_high", SQLDataType.VARCHAR);
        static final Field<String> EVIDENCE = f(N, "evidence", SQLDataType.VARCHAR);
        static final Field<LocalDate> EVIDENCE_AS_OF = f(N, "evidence_as_of", SQLDataType.LOCALDATE);
        static final Field<String> PUBLISHED_BY = f(N, "published_by", SQLDataType.VARCHAR);
        static final Field<OffsetDateTime> RECORDED_AT = f(N, "recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
    }

    static final class Contract {
        static final String N = "contract";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<String> CONTRACT_ID = f(N, "contract_id", SQLDataType.VARCHAR);
        static final Field<String> CUSTOMER_ID = f(N, "customer_id", SQLDataType.VARCHAR);
        static final Field<String> CURRENCY = f(N, "currency", SQLDataType.VARCHAR);
        static final Field<LocalDate> SIGNED_ON = f(N, "signed_on", SQLDataType.LOCALDATE);
        static final Field<LocalDate> TERM_START = f(N, "term_start", SQLDataType.LOCALDATE);
        static final Field<LocalDate> TERM_END = f(N, "term_end", SQLDataType.LOCALDATE);
        static final Field<Long> PRICE_MINOR = f(N, "price_minor", SQLDataType.BIGINT);
        static final Field<String> BILLING_SCHEDULE = f(N, "billing_schedule", SQLDataType.VARCHAR);
        static final Field<String> SETTLEMENT = f(N, "settlement", SQLDataType.VARCHAR);
        static final Field<Integer> PAYMENT_TERMS_DAYS = f(N, "payment_terms_days", SQLDataType.INTEGER);
        static final Field<String> REFUND_ON_TERMINATION = f(N, "refund_on_termination", SQLDataType.VARCHAR);
        static final Field<String> STATUS = f(N, "status", SQLDataType.VARCHAR);
        static final Field<LocalDate> TERMINATED_ON = f(N, "terminated_on", SQLDataType.LOCALDATE);
        static final Field<String> MODIFICATION_OF = f(N, "modification_of", SQLDataType.VARCHAR);
        static final Field<String> MEMO = f(N, "memo", SQLDataType.VARCHAR);
        static final Field<Long> COMMITMENT_MINOR = f(N, "commitment_minor", SQLDataType.BIGINT);
        static final Field<String> COMMITMENT_POLICY = f(N, "commitment_policy", SQLDataType.VARCHAR);
        static final Field<String> COMMITMENT_EXPECTED = f(N, "commitment_expected", SQLDataType.VARCHAR);
        static final Field<Long> COMMITMENT_RECOGNIZED_MINOR = f(N, "commitment_recognized_minor", SQLDataType.BIGINT);
        static final Field<Boolean> COMMITMENT_SETTLED = f(N, "commitment_settled", SQLDataType.BOOLEAN);
        static final Field<Long> COMMITMENT_SHORTFALL_MINOR = f(N, "commitment_shortfall_minor", SQLDataType.BIGINT);
        static final Field<String> USAGE_COUNTED = f(N, "usage_counted", SQLDataType.VARCHAR);
        static final Field<Long> POSITION_MINOR = f(N, "position_minor", SQLDataType.BIGINT);
        static final Field<Long> BILLED_MINOR = f(N, "billed_minor", SQLDataType.BIGINT);
        static final Field<String> POLICY_VERSION = f(N, "policy_version", SQLDataType.VARCHAR);
        static final Field<OffsetDateTime> RECORDED_AT = f(N, "recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
    }

    static final class Obligation {
        static final String N = "contract_obligation";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<String> CONTRACT_ID = f(N, "contract_id", SQLDataType.VARCHAR);
        static final Field<String> OBLIGATION_ID = f(N, "obligation_id", SQLDataType.VARCHAR);
        static final Field<Integer> SEQ = f(N, "seq", SQLDataType.INTEGER);
        static final Field<String> KIND = f(N, "kind", SQLDataType.VARCHAR);
        static final Field<String> DESCRIPTION = f(N, "description", SQLDataType.VARCHAR);
        static final Field<String> SSP_LABEL = f(N, "ssp_label", SQLDataType.VARCHAR);
        static final Field<String> QUANTITY = f(N, "quantity", SQLDataType.VARCHAR);
        static final Field<String> SSP = f(N, "ssp", SQLDataType.VARCHAR);
        static final Field<String> PATTERN = f(N, "pattern", SQLDataType.VARCHAR);
        static final Field<String> BASIS = f(N, "basis", SQLDataType.VARCHAR);
        static final Field<Long> ALLOCATED_MINOR = f(N, "allocated_minor", SQLDataType.BIGINT);
        static final Field<Long> RECOGNIZED_MINOR = f(N, "recognized_minor", SQLDataType.BIGINT);
        static final Field<LocalDate> START_DATE = f(N, "start_date", SQLDataType.LOCALDATE);
        static final Field<LocalDate> END_DATE = f(N, "end_date", SQLDataType.LOCALDATE);
        static final Field<LocalDate> EXPECTED_ON = f(N, "expected_on", SQLDataType.LOCALDATE);
        static final Field<LocalDate> DELIVERED_ON = f(N, "delivered_on", SQLDataType.LOCALDATE);
        static final Field<LocalDate> ENDED_ON = f(N, "ended_on", SQLDataType.LOCALDATE);
        static final Field<String> POOL_ID = f(N, "pool_id", SQLDataType.VARCHAR);
        static final Field<String> PROGRAM_ID = f(N, "program_id", SQLDataType.VARCHAR);
        static final Field<String> CREDITS = f(N, "credits", SQLDataType.VARCHAR);
        static final Field<LocalDate> POOL_EXPIRES_ON = f(N, "pool_expires_on", SQLDataType.LOCALDATE);
        static final Field<String> SEGMENTS = f(N, "segments", SQLDataType.CLOB);
        static final Field<String> OPTION_LIKELIHOOD = f(N, "option_likelihood", SQLDataType.VARCHAR);
        static final Field<LocalDate> OPTION_EXPIRES_ON = f(N, "option_expires_on", SQLDataType.LOCALDATE);
        static final Field<String> OPTION_EXPECTED_UNITS = f(N, "option_expected_units", SQLDataType.VARCHAR);
        static final Field<String> OPTION_EXERCISED_UNITS = f(N, "option_exercised_units", SQLDataType.VARCHAR);
        static final Field<LocalDate> OPTION_LAPSED_ON = f(N, "option_lapsed_on", SQLDataType.LOCALDATE);
    }

    static final class Version {
        static final String N = "contract_obligation_version";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<String> CONTRACT_ID = f(N, "contract_id", SQLDataType.VARCHAR);
        static final Field<String> OBLIGATION_ID = f(N, "obligation_id", SQLDataType.VARCHAR);
        static final Field<Long> EVENT_POSITION = f(N, "event_position", SQLDataType.BIGINT);
        static final Field<OffsetDateTime> KNOWN_FROM = f(N, "known_from", SQLDataType.TIMESTAMPWITHTIMEZONE);
        static final Field<String> CUSTOMER_ID = f(N, "customer_id", SQLDataType.VARCHAR);
        static final Field<String> CURRENCY = f(N, "currency", SQLDataType.VARCHAR);
        static final Field<String> KIND = f(N, "kind", SQLDataType.VARCHAR);
        static final Field<String> PATTERN = f(N, "pattern", SQLDataType.VARCHAR);
        static final Field<Long> ALLOCATED_MINOR = f(N, "allocated_minor", SQLDataType.BIGINT);
        static final Field<String> SEGMENTS = f(N, "segments", SQLDataType.CLOB);
        static final Field<LocalDate> EXPECTED_ON = f(N, "expected_on", SQLDataType.LOCALDATE);
        static final Field<LocalDate> DELIVERED_ON = f(N, "delivered_on", SQLDataType.LOCALDATE);
        static final Field<LocalDate> ENDED_ON = f(N, "ended_on", SQLDataType.LOCALDATE);
        static final Field<String> POOL_ID = f(N, "pool_id", SQLDataType.VARCHAR);
        static final Field<LocalDate> POOL_EXPIRES_ON = f(N, "pool_expires_on", SQLDataType.LOCALDATE);
    }

    static final class AllocationLine {
        static final String N = "contract_allocation_line";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<String> CONTRACT_ID = f(N, "contract_id", SQLDataType.VARCHAR);
        static final Field<String> DECIDED_BY = f(N, "decided_by", SQLDataType.VARCHAR);
        static final Field<Integer> LINE_NO = f(N, "line_no", SQLDataType.INTEGER);
        static final Field<LocalDate> DECIDED_ON = f(N, "decided_on", SQLDataType.LOCALDATE);
        static final Field<String> OBLIGATION_ID = f(N, "obligation_id", SQLDataType.VARCHAR);
        static final Field<String> SSP_ID = f(N, "ssp_id", SQLDataType.VARCHAR);
        static final Field<Integer> SSP_VERSION = f(N, "ssp_version", SQLDataType.INTEGER);
        static final Field<String> METHOD = f(N, "method", SQLDataType.VARCHAR);
        static final Field<String> SSP = f(N, "ssp", SQLDataType.VARCHAR);
        static final Field<String> GROUP_NAME = f(N, "group_name", SQLDataType.VARCHAR);
        static final Field<String> GROUP_DISCOUNT = f(N, "group_discount", SQLDataType.VARCHAR);
        static final Field<Long> ALLOCATED_MINOR = f(N, "allocated_minor", SQLDataType.BIGINT);
        static final Field<Long> TOTAL_MINOR = f(N, "total_minor", SQLDataType.BIGINT);
    }

    static final class BillingItem {
        static final String N = "contract_billing_item";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<String> CONTRACT_ID = f(N, "contract_id", SQLDataType.VARCHAR);
        static final Field<Integer> SEQ = f(N, "seq", SQLDataType.INTEGER);
        static final Field<LocalDate> BILL_ON = f(N, "bill_on", SQLDataType.LOCALDATE);
        static final Field<Long> AMOUNT_MINOR = f(N, "amount_minor", SQLDataType.BIGINT);
        static final Field<Boolean> BILLED = f(N, "billed", SQLDataType.BOOLEAN);
    }

    static final class Invoice {
        static final String N = "contract_invoice";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<String> CONTRACT_ID = f(N, "contract_id", SQLDataType.VARCHAR);
        static final Field<String> INVOICE_ID = f(N, "invoice_id", SQLDataType.VARCHAR);
        static final Field<LocalDate> INVOICE_DATE = f(N, "invoice_date", SQLDataType.LOCALDATE);
        static final Field<LocalDate> DUE_ON = f(N, "due_on", SQLDataType.LOCALDATE);
        static final Field<Long> AMOUNT_MINOR = f(N, "amount_minor", SQLDataType.BIGINT);
        static final Field<Long> OPEN_MINOR = f(N, "open_minor", SQLDataType.BIGINT);
        static final Field<String> PURPOSE = f(N, "purpose", SQLDataType.VARCHAR);
    }

    static final class History {
        static final String N = "contract_history";
        static final Table<Record> TABLE = DSL.table(DSL.name(N));
        static final Field<String> CONTRACT_ID = f(N, "contract_id", SQLDataType.VARCHAR);
        static final Field<Long> EVENT_POSITION = f(N, "event_position", SQLDataType.BIGINT);
        static final Field<String> EVENT_TYPE = f(N, "event_type", SQLDataType.VARCHAR);
        static final Field<String> REQUEST_ID = f(N, "request_id", SQLDataType.VARCHAR);
        static final Field<LocalDate> EFFECTIVE_DATE = f(N, "effective_date", SQLDataType.LOCALDATE);
        static final Field<String> ENTRY_ID = f(N, "entry_id", SQLDataType.VARCHAR);
        static final Field<String> SUMMARY = f(N, "summary", SQLDataType.VARCHAR);
        static final Field<String> PRINCIPAL = f(N, "principal", SQLDataType.VARCHAR);
        static final Field<OffsetDateTime> RECORDED_AT = f(N, "recorded_at", SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
