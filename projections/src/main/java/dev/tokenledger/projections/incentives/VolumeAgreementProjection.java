package dev.tokenledger.projections.incentives;

import dev.tokenledger.incentives.RebateEvents.ExpectedVolumeRevised;
import dev.tokenledger.incentives.RebateEvents.VolumeDiscountAgreed;
import dev.tokenledger.incentives.RebateEvents.VolumePaymentReceived;
import dev.tokenledger.incentives.RebateEvents.VolumeUsageReported;
import dev.tokenledger.incentives.RebateEvents.VolumeYearSettled;
import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.money.Money;
import dev.tokenledger.projections.LedgerTables.GlLine;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Volume discounts and where each stands (README "Volume discounts"): the refund liability for rebates, by agreement. */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class VolumeAgreementProjection {

    static final String N = "volume_agreement";
    static final Table<Record> TABLE = DSL.table(DSL.name(N));
    static final Field<String> ID = f("agreement_id", SQLDataType.VARCHAR);
    static final Field<String> CUSTOMER = f("customer_id", SQLDataType.VARCHAR);
    static final Field<String> CURRENCY = f("currency", SQLDataType.CHAR);
    static final Field<LocalDate> YEAR_START = f("year_start", SQLDataType.LOCALDATE);
    static final Field<LocalDate> YEAR_END = f("year_end", SQLDataType.LOCALDATE);
    static final Field<String> UNIT = f("unit", SQLDataType.VARCHAR);
    static final Field<String> TIERS = f("tiers", SQLDataType.CLOB);
    static final Field<String> EXPECTED = f("expected_volume", SQLDataType.VARCHAR);
    static final Field<String> EXPECTED_PRICE = f("expected_price", SQLDataType.VARCHAR);
    static final Field<String> UNITS = f("units_to_date", SQLDataType.VARCHAR);
    static final Field<Long> INVOICED = f("invoiced_minor", SQLDataType.BIGINT);
    static final Field<Long> REVENUE = f("revenue_minor", SQLDataType.BIGINT);
    static final Field<Long> REBATE = f("rebate_minor", SQLDataType.BIGINT);
    static final Field<String> FINAL_PRICE = f("final_price", SQLDataType.VARCHAR);
    static final Field<Long> PAID = f("paid_minor", SQLDataType.BIGINT);
    static final Field<String> DESCRIPTION = f("description", SQLDataType.VARCHAR);
    static final Field<String> POLICY = f("policy_version", SQLDataType.VARCHAR);
    static final Field<?>[] ALL = {ID, CUSTOMER, CURRENCY, YEAR_START, YEAR_END, UNIT, TIERS, EXPECTED, EXPECTED_PRICE,
            UNITS, INVOICED, REVENUE, REBATE, FINAL_PRICE, PAID, DESCRIPTION, POLICY};

    private static <T> Field<T> f(String column, org.jooq.DataType<T> type) {
        return DSL.field(DSL.name(N, column), type);
    }

    private final DSLContext db;
    private final ChartOfAccounts chart;

    public VolumeAgreementProjection(DSLContext db, ChartOfAccounts chart) {
        this.db = db;
        this.chart = chart;
    }

    @EventHandler
    void on(VolumeDiscountAgreed e) {
        db.insertInto(TABLE).set(ID, e.agreementId()).set(CUSTOMER, e.customerId()).set(CURRENCY, e.currency())
                .set(YEAR_START, e.yearStart()).set(YEAR_END, e.yearEnd()).set(UNIT, e.unit())
                .set(TIERS, e.tiers().stream().map(t -> plain(t.fromUnits()) + ":" + plain(t.unitPrice()))
                        .collect(Collectors.joining(" ")))
                .set(EXPECTED, plain(e.expectedVolume())).set(EXPECTED_PRICE, plain(e.expectedPrice())).set(UNITS, "0")
                .set(INVOICED, 0L).set(REVENUE, 0L).set(PAID, 0L).set(DESCRIPTION, e.description())
                .set(POLICY, e.policyVersion()).execute();
    }

    @EventHandler
    void on(VolumeUsageReported e) {
        db.update(TABLE).set(UNITS, plain(e.unitsToDate())).set(INVOICED, INVOICED.plus(e.invoicedMinor()))
                .set(REVENUE, e.revenueToDateMinor()).set(EXPECTED_PRICE, plain(e.expectedPrice()))
                .where(ID.eq(e.agreementId())).execute();
    }

    @EventHandler
    void on(ExpectedVolumeRevised e) {
        db.update(TABLE).set(EXPECTED, plain(e.expectedAfter())).set(EXPECTED_PRICE, plain(e.expectedPrice()))
                .set(REVENUE, e.revenueToDateMinor()).where(ID.eq(e.agreementId())).execute();
    }

    @EventHandler
    void on(VolumeYearSettled e) {
        db.update(TABLE).set(REVENUE, e.revenueForYearMinor()).set(REBATE, e.rebateMinor())
                .set(FINAL_PRICE, plain(e.finalPrice())).where(ID.eq(e.agreementId())).execute();
    }

    @EventHandler
    void on(VolumePaymentReceived e) {
        db.update(TABLE).set(PAID, PAID.plus(e.amountMinor())).where(ID.eq(e.agreementId())).execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(TABLE).execute();
    }

    /**
     * An agreement: {@code refundLiability} = invoiced - revenue to date until the year is settled, then 0 (the rebate
     * was credited).
     */
    public record VolumeAgreementView(String agreementId, String customerId, String currency, LocalDate yearStart,
                                      LocalDate yearEnd, String unit, String tiers, String expectedVolume,
                                      String expectedPrice, String unitsToDate, BigDecimal invoiced, BigDecimal revenue,
                                      BigDecimal refundLiability, BigDecimal rebateCredited, String finalPrice,
                                      BigDecimal paid, String description, String policyVersion,
                                      BigDecimal refundLiabilityPerGeneralLedger, boolean ties) {
    }

    public List<VolumeAgreementView> agreements(String customer) {
        Map<String, Long> ledger = ledgerLiabilities();
        return db.select(ALL).from(TABLE).where(customer == null ? DSL.trueCondition() : CUSTOMER.eq(customer))
                .orderBy(ID).fetch(r -> view(r, ledger));
    }

    public Optional<VolumeAgreementView> agreement(String id) {
        Map<String, Long> ledger = ledgerLiabilities();
        return db.select(ALL).from(TABLE).where(ID.eq(id)).fetchOptional(r -> view(r, ledger));
    }

    /** The refund liability's GL balance by the contract dimension the agreements post with (their ids). */
    private Map<String, Long> ledgerLiabilities() {
        var balance = DSL.sum(GlLine.CREDIT_MINOR.minus(GlLine.DEBIT_MINOR));
        Map<String, Long> byContract = new HashMap<>();
        db.select(GlLine.CONTRACT, balance).from(GlLine.TABLE)
                .where(GlLine.ACCOUNT_CODE.eq(chart.accountFor(AccountRole.REFUND_LIABILITY).code()))
                .and(GlLine.CONTRACT.in(DSL.select(ID).from(TABLE)))
                .groupBy(GlLine.CONTRACT)
                .forEach(r -> byContract.put(r.get(GlLine.CONTRACT), r.get(balance, BigDecimal.class).longValueExact()));
        return byContract;
    }

    private VolumeAgreementView view(Record r, Map<String, Long> ledger) {
        Currency c = Currency.getInstance(r.get(CURRENCY));
        long invoiced = r.get(INVOICED);
        long revenue = r.get(REVENUE);
        Long rebate = r.get(REBATE);
        return new VolumeAgreementView(r.get(ID), r.get(CUSTOMER), c.getCurrencyCode(), r.get(YEAR_START), r.get(YEAR_END),
                r.get(UNIT), r.get(TIERS), r.get(EXPECTED), r.get(EXPECTED_PRICE), r.get(UNITS), money(invoiced, c),
                money(revenue, c), money(rebate == null ? invoiced - revenue : 0, c),
                rebate == null ? null : money(rebate, c), r.get(FINAL_PRICE), money(r.get(PAID), c),
                r.get(DESCRIPTION), r.get(POLICY), money(ledger.getOrDefault(r.get(ID), 0L), c),
                ledger.getOrDefault(r.get(ID), 0L) == (rebate == null ? invoiced - revenue : 0));
    }

    private static BigDecimal money(long minor, Currency c) {
        return Money.ofMinor(minor, c).amount();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
