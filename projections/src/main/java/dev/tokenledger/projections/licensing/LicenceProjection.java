package dev.tokenledger.projections.licensing;

import dev.tokenledger.licensing.LicenceEvents.LicenceGranted;
import dev.tokenledger.licensing.LicenceEvents.LicencePaymentReceived;
import dev.tokenledger.licensing.LicenceEvents.LicenceTransferred;
import dev.tokenledger.licensing.LicenceEvents.MinimumGuaranteeSettled;
import dev.tokenledger.licensing.LicenceEvents.RoyaltiesReported;
import dev.tokenledger.money.Money;
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
import java.util.List;
import java.util.Optional;

/** Licences of IP and their royalty reports (README "Licences and royalties"), with the reports read from them. */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class LicenceProjection {

    static final String L = "licence";
    static final Table<Record> LICENCE = DSL.table(DSL.name(L));
    static final Field<String> ID = DSL.field(DSL.name(L, "licence_id"), SQLDataType.VARCHAR);
    static final Field<String> CUSTOMER = DSL.field(DSL.name(L, "customer_id"), SQLDataType.VARCHAR);
    static final Field<String> CURRENCY = DSL.field(DSL.name(L, "currency"), SQLDataType.CHAR);
    static final Field<String> TYPE = DSL.field(DSL.name(L, "contract_type"), SQLDataType.VARCHAR);
    static final Field<LocalDate> SIGNED_ON = DSL.field(DSL.name(L, "signed_on"), SQLDataType.LOCALDATE);
    static final Field<LocalDate> START = DSL.field(DSL.name(L, "licence_start"), SQLDataType.LOCALDATE);
    static final Field<LocalDate> END = DSL.field(DSL.name(L, "licence_end"), SQLDataType.LOCALDATE);
    static final Field<Long> FEE = DSL.field(DSL.name(L, "fixed_fee_minor"), SQLDataType.BIGINT);
    static final Field<Long> GUARANTEE = DSL.field(DSL.name(L, "guarantee_minor"), SQLDataType.BIGINT);
    static final Field<String> RATE = DSL.field(DSL.name(L, "royalty_rate"), SQLDataType.VARCHAR);
    static final Field<Boolean> PREDOMINANT = DSL.field(DSL.name(L, "licence_predominant"), SQLDataType.BOOLEAN);
    static final Field<String> DESCRIPTION = DSL.field(DSL.name(L, "description"), SQLDataType.VARCHAR);
    static final Field<LocalDate> TRANSFERRED_ON = DSL.field(DSL.name(L, "transferred_on"), SQLDataType.LOCALDATE);
    static final Field<String> BASE = DSL.field(DSL.name(L, "cumulative_base"), SQLDataType.VARCHAR);
    static final Field<Long> ROYALTIES = DSL.field(DSL.name(L, "cumulative_royalty_minor"), SQLDataType.BIGINT);
    static final Field<Long> LICENCE_REVENUE = DSL.field(DSL.name(L, "licence_revenue_minor"), SQLDataType.BIGINT);
    static final Field<Long> ROYALTY_REVENUE = DSL.field(DSL.name(L, "royalty_revenue_minor"), SQLDataType.BIGINT);
    static final Field<Long> DEFERRED = DSL.field(DSL.name(L, "deferred_minor"), SQLDataType.BIGINT);
    static final Field<Long> SHORTFALL = DSL.field(DSL.name(L, "shortfall_minor"), SQLDataType.BIGINT);
    static final Field<Long> BILLED = DSL.field(DSL.name(L, "billed_minor"), SQLDataType.BIGINT);
    static final Field<Long> PAID = DSL.field(DSL.name(L, "paid_minor"), SQLDataType.BIGINT);
    static final Field<String> POLICY = DSL.field(DSL.name(L, "policy_version"), SQLDataType.VARCHAR);

    static final String R = "licence_royalty_report";
    static final Table<Record> REPORT = DSL.table(DSL.name(R));
    static final Field<String> R_ID = DSL.field(DSL.name(R, "licence_id"), SQLDataType.VARCHAR);
    static final Field<String> R_REPORT = DSL.field(DSL.name(R, "report_id"), SQLDataType.VARCHAR);
    static final Field<LocalDate> R_THROUGH = DSL.field(DSL.name(R, "usage_through"), SQLDataType.LOCALDATE);
    static final Field<String> R_BASE = DSL.field(DSL.name(R, "sales_or_usage"), SQLDataType.VARCHAR);
    static final Field<Long> R_ROYALTY = DSL.field(DSL.name(R, "royalty_minor"), SQLDataType.BIGINT);
    static final Field<Long> R_WITHIN = DSL.field(DSL.name(R, "within_guarantee_minor"), SQLDataType.BIGINT);
    static final Field<Long> R_EXCESS = DSL.field(DSL.name(R, "excess_minor"), SQLDataType.BIGINT);
    static final Field<Boolean> R_DEFERRED = DSL.field(DSL.name(R, "deferred"), SQLDataType.BOOLEAN);
    static final Field<String> R_ENTRY = DSL.field(DSL.name(R, "entry_id"), SQLDataType.VARCHAR);

    static final Field<?>[] LICENCE_FIELDS = {ID, CUSTOMER, CURRENCY, TYPE, SIGNED_ON, START, END, FEE, GUARANTEE, RATE,
            PREDOMINANT, DESCRIPTION, TRANSFERRED_ON, BASE, ROYALTIES, LICENCE_REVENUE, ROYALTY_REVENUE, DEFERRED,
            SHORTFALL, BILLED, PAID, POLICY};
    static final Field<?>[] REPORT_FIELDS = {R_ID, R_REPORT, R_THROUGH, R_BASE, R_ROYALTY, R_WITHIN, R_EXCESS,
            R_DEFERRED, R_ENTRY};

    private final DSLContext db;

    public LicenceProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(LicenceGranted e) {
        db.insertInto(LICENCE).set(ID, e.licenceId()).set(CUSTOMER, e.customerId()).set(CURRENCY, e.currency())
                .set(TYPE, e.contractType().name()).set(SIGNED_ON, e.signedOn()).set(START, e.licenceStart())
                .set(END, e.licenceEnd()).set(FEE, e.fixedFeeMinor()).set(GUARANTEE, e.minimumGuaranteeMinor())
                .set(RATE, e.royaltyRate() == null ? null : e.royaltyRate().stripTrailingZeros().toPlainString())
                .set(PREDOMINANT, e.licencePredominant()).set(DESCRIPTION, e.description()).set(BASE, "0")
                .set(ROYALTIES, 0L).set(LICENCE_REVENUE, 0L).set(ROYALTY_REVENUE, 0L).set(DEFERRED, e.fixedFeeMinor())
                .set(BILLED, e.fixedFeeMinor()).set(PAID, 0L).set(POLICY, e.policyVersion()).execute();
    }

    @EventHandler
    void on(LicenceTransferred e) {
        db.update(LICENCE).set(TRANSFERRED_ON, e.transferredOn()).set(LICENCE_REVENUE, e.licenceRevenueMinor())
                .set(ROYALTY_REVENUE, ROYALTY_REVENUE.plus(e.royaltyRevenueMinor())).set(DEFERRED, 0L)
                .where(ID.eq(e.licenceId())).execute();
    }

    @EventHandler
    void on(RoyaltiesReported e) {
        db.update(LICENCE).set(BASE, e.cumulativeBase().stripTrailingZeros().toPlainString())
                .set(ROYALTIES, e.cumulativeRoyaltyMinor())
                .set(ROYALTY_REVENUE, ROYALTY_REVENUE.plus(e.deferredUntilTransfer() ? 0 : e.excessMinor()))
                .set(DEFERRED, DEFERRED.plus(e.deferredUntilTransfer() ? e.invoicedMinor() : 0))
                .set(BILLED, BILLED.plus(e.invoicedMinor()))
                .where(ID.eq(e.licenceId())).execute();
        db.insertInto(REPORT).set(R_ID, e.licenceId()).set(R_REPORT, e.reportId()).set(R_THROUGH, e.usageThrough())
                .set(R_BASE, e.salesOrUsage().stripTrailingZeros().toPlainString()).set(R_ROYALTY, e.royaltyMinor())
                .set(R_WITHIN, e.withinGuaranteeMinor()).set(R_EXCESS, e.excessMinor())
                .set(R_DEFERRED, e.deferredUntilTransfer())
                .set(R_ENTRY, e.journalEntry() == null ? null : e.journalEntry().entryId()).execute();
    }

    @EventHandler
    void on(MinimumGuaranteeSettled e) {
        db.update(LICENCE).set(SHORTFALL, e.shortfallMinor()).set(BILLED, BILLED.plus(e.shortfallMinor()))
                .where(ID.eq(e.licenceId())).execute();
    }

    @EventHandler
    void on(LicencePaymentReceived e) {
        db.update(LICENCE).set(PAID, PAID.plus(e.amountMinor())).where(ID.eq(e.licenceId())).execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(LICENCE).execute();
        db.truncate(REPORT).execute();
    }

    public record RoyaltyReport(String reportId, LocalDate usageThrough, String salesOrUsage, BigDecimal royalty,
                                BigDecimal withinGuarantee, BigDecimal beyondGuarantee, boolean heldUntilTransfer,
                                String entryId) {
    }

    /**
     * A licence as its events left it: {@code guaranteeNotYetBilled} is the contract asset the guarantee created less
     * what royalties and the shortfall billed against it; {@code heldUntilTransfer} the contract liability.
     */
    public record LicenceView(String licenceId, String customerId, String currency, String contractType,
                              String description, LocalDate signedOn, LocalDate licenceStart, LocalDate licenceEnd,
                              LocalDate transferredOn, BigDecimal fixedFee, BigDecimal minimumGuarantee,
                              String royaltyRate, boolean licencePredominant, String salesOrUsageReported,
                              BigDecimal royaltiesReported, BigDecimal licenceRevenue, BigDecimal royaltyRevenue,
                              BigDecimal heldUntilTransfer, BigDecimal guaranteeNotYetBilled,
                              BigDecimal guaranteeShortfall, BigDecimal billed, BigDecimal paid, String policyVersion,
                              List<RoyaltyReport> reports) {
    }

    public List<LicenceView> licences(String customer) {
        return db.select(LICENCE_FIELDS).from(LICENCE)
                .where(customer == null ? DSL.trueCondition() : CUSTOMER.eq(customer)).orderBy(ID)
                .fetch(this::view);
    }

    public Optional<LicenceView> licence(String licenceId) {
        return db.select(LICENCE_FIELDS).from(LICENCE).where(ID.eq(licenceId)).fetchOptional(this::view);
    }

    private LicenceView view(Record r) {
        Currency c = Currency.getInstance(r.get(CURRENCY));
        String id = r.get(ID);
        List<RoyaltyReport> reports = db.select(REPORT_FIELDS).from(REPORT).where(R_ID.eq(id))
                .orderBy(R_THROUGH, R_REPORT)
                .fetch(x -> new RoyaltyReport(x.get(R_REPORT), x.get(R_THROUGH), x.get(R_BASE), money(x.get(R_ROYALTY), c),
                        money(x.get(R_WITHIN), c), money(x.get(R_EXCESS), c), x.get(R_DEFERRED), x.get(R_ENTRY)));
        long guarantee = r.get(GUARANTEE);
        long royalties = r.get(ROYALTIES);
        long shortfall = r.get(SHORTFALL) == null ? 0 : r.get(SHORTFALL);
        // the guarantee becomes a contract asset at transfer; royalties within it and the shortfall bill it down
        long assetLeft = r.get(TRANSFERRED_ON) == null ? 0 : guarantee - Math.min(royalties, guarantee) - shortfall;
        return new LicenceView(id, r.get(CUSTOMER), c.getCurrencyCode(), r.get(TYPE), r.get(DESCRIPTION),
                r.get(SIGNED_ON), r.get(START), r.get(END), r.get(TRANSFERRED_ON), money(r.get(FEE), c),
                money(guarantee, c), r.get(RATE), r.get(PREDOMINANT), r.get(BASE), money(royalties, c),
                money(r.get(LICENCE_REVENUE), c), money(r.get(ROYALTY_REVENUE), c), money(r.get(DEFERRED), c),
                money(Math.max(assetLeft, 0), c), r.get(SHORTFALL) == null ? null : money(shortfall, c),
                money(r.get(BILLED), c), money(r.get(PAID), c), r.get(POLICY), reports);
    }

    private static BigDecimal money(long minor, Currency c) {
        return Money.ofMinor(minor, c).amount();
    }
}
