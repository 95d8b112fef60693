package dev.tokenledger.projections.contracts;

import dev.tokenledger.contracts.ContractEvents;
import dev.tokenledger.contracts.ContractEvents.ChangesSchedule;
import dev.tokenledger.contracts.ContractEvents.CommitmentEstimateRevised;
import dev.tokenledger.contracts.ContractEvents.CommitmentSettled;
import dev.tokenledger.contracts.ContractEvents.ContractCreditsFunded;
import dev.tokenledger.contracts.ContractEvents.ContractInvoiced;
import dev.tokenledger.contracts.ContractEvents.ContractModified;
import dev.tokenledger.contracts.ContractEvents.ContractPaymentReceived;
import dev.tokenledger.contracts.ContractEvents.ContractRevenueRecognized;
import dev.tokenledger.contracts.ContractEvents.ContractSigned;
import dev.tokenledger.contracts.ContractEvents.ContractTerminated;
import dev.tokenledger.contracts.ContractEvents.ObligationDelivered;
import dev.tokenledger.contracts.ModificationTreatment;
import dev.tokenledger.contracts.Obligation;
import dev.tokenledger.contracts.SspAllocation;
import dev.tokenledger.contracts.SspTerms;
import dev.tokenledger.contracts.StandaloneSellingPricePublished;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.money.Money;
import dev.tokenledger.projections.EventMetadata;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jooq.DSLContext;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import static dev.tokenledger.projections.contracts.ContractTables.AllocationLine;
import static dev.tokenledger.projections.contracts.ContractTables.BillingItem;
import static dev.tokenledger.projections.contracts.ContractTables.Contract;
import static dev.tokenledger.projections.contracts.ContractTables.History;
import static dev.tokenledger.projections.contracts.ContractTables.Invoice;
import static dev.tokenledger.projections.contracts.ContractTables.Ssp;
import static dev.tokenledger.projections.contracts.ContractTables.Version;

/**
 * Contracts, their obligations (now and every version, for the waterfall as known at a date), allocations, billing
 * plans, invoices and history; and the SSP table.
 */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class ContractProjection {

    private final DSLContext db;

    public ContractProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(StandaloneSellingPricePublished e, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        SspTerms t = e.terms();
        db.insertInto(Ssp.TABLE).set(Ssp.SSP_ID, t.sspId()).set(Ssp.VERSION, t.version())
                .set(Ssp.EFFECTIVE_FROM, t.effectiveFrom()).set(Ssp.DESCRIPTION, t.description())
                .set(Ssp.CURRENCY, t.currency().getCurrencyCode()).set(Ssp.METHOD, t.method().name())
                .set(Ssp.UNIT, t.unit()).set(Ssp.UNIT_PRICE, plain(t.unitPrice()))
                .set(Ssp.RANGE_LOW, plain(t.rangeLow())).set(Ssp.RANGE_HIGH, plain(t.rangeHigh()))
                .set(Ssp.EVIDENCE, t.evidence()).set(Ssp.EVIDENCE_AS_OF, t.evidenceAsOf())
                .set(Ssp.PUBLISHED_BY, principal).set(Ssp.RECORDED_AT, at.atOffset(ZoneOffset.UTC))
                .execute();
    }

    @EventHandler
    void on(ContractSigned e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        db.insertInto(Contract.TABLE).set(Contract.CONTRACT_ID, e.contractId()).set(Contract.CUSTOMER_ID, e.customerId())
                .set(Contract.CURRENCY, e.currency()).set(Contract.SIGNED_ON, e.signedOn())
                .set(Contract.TERM_START, e.termStart()).set(Contract.TERM_END, e.termEnd())
                .set(Contract.PRICE_MINOR, e.priceMinor()).set(Contract.BILLING_SCHEDULE, e.billing().schedule().name())
                .set(Contract.SETTLEMENT, e.billing().settlement().name())
                .set(Contract.PAYMENT_TERMS_DAYS, e.billing().paymentTermsDays())
                .set(Contract.REFUND_ON_TERMINATION, e.refundOnTermination().name()).set(Contract.STATUS, "ACTIVE")
                .set(Contract.MODIFICATION_OF, e.modificationOf()).set(Contract.MEMO, e.memo())
                .set(Contract.COMMITMENT_MINOR, e.commitment() == null ? null : e.commitment().amountMinor())
                .set(Contract.COMMITMENT_POLICY, e.commitment() == null ? null : e.commitment().policy().name())
                .set(Contract.COMMITMENT_EXPECTED, e.commitment() == null ? null : plain(e.commitment().expectedConsumption()))
                .set(Contract.COMMITMENT_RECOGNIZED_MINOR, e.commitment() == null ? null : 0L)
                .set(Contract.COMMITMENT_SETTLED, e.commitment() == null ? null : false)
                .set(Contract.POSITION_MINOR, e.positionAfter()).set(Contract.BILLED_MINOR, 0L)
                .set(Contract.POLICY_VERSION, e.policyVersion()).set(Contract.RECORDED_AT, at.atOffset(ZoneOffset.UTC))
                .execute();
        allocation(e.contractId(), e.contractId(), e.signedOn(), e.allocation(), e.sspUsed());
        int seq = 0;
        for (dev.tokenledger.contracts.BillingItem item : e.billingPlan()) {
            db.insertInto(BillingItem.TABLE).set(BillingItem.CONTRACT_ID, e.contractId()).set(BillingItem.SEQ, seq++)
                    .set(BillingItem.BILL_ON, item.billOn()).set(BillingItem.AMOUNT_MINOR, item.amountMinor())
                    .set(BillingItem.BILLED, false).execute();
        }
        obligations(e, e.customerId(), e.currency(), at, token);
        Currency currency = Currency.getInstance(e.currency());
        history(e.contractId(), token, "ContractSigned", e.contractId(), e.signedOn(), null,
                "Signed: " + e.obligationsAfter().size() + " obligations, price " + money(e.priceMinor(), currency)
                        + ", term " + e.termStart() + " to " + e.termEnd(), principal, at);
    }

    @EventHandler
    void on(ContractCreditsFunded e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        position(e.contractId(), e.positionAfter(), 0);
        history(e.contractId(), token, "ContractCreditsFunded", e.requestId(), e.fundedOn(), entryId(e.journalEntry()),
                "Credit pool " + e.poolId() + " funded with " + money(e.amountMinor(), currencyOf(e.contractId()))
                        + " for " + e.credits().stripTrailingZeros().toPlainString() + " credits", principal, at);
    }

    @EventHandler
    void on(ContractEvents.MaterialRightFunded e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        position(e.contractId(), e.positionAfter(), 0);
        history(e.contractId(), token, "MaterialRightFunded", e.requestId(), e.fundedOn(), entryId(e.journalEntry()),
                "Material right " + e.obligationId() + " funded with " + money(e.amountMinor(), currencyOf(e.contractId())),
                principal, at);
    }

    @EventHandler
    void on(ContractEvents.MaterialRightExercised e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        String[] owner = owner(e.contractId());
        obligations(e, owner[0], owner[1], at, token);
        history(e.contractId(), token, "MaterialRightExercised", e.requestId(), e.effectiveDate(), entryId(e.journalEntry()),
                e.obligationId() + ": " + plain(e.units()) + " units exercised, revenue "
                        + money(e.revenueMinor(), Currency.getInstance(owner[1])), principal, at);
    }

    @EventHandler
    void on(ContractEvents.MaterialRightEstimateRevised e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        String[] owner = owner(e.contractId());
        obligations(e, owner[0], owner[1], at, token);
        history(e.contractId(), token, "MaterialRightEstimateRevised", e.requestId(), e.effectiveDate(), entryId(e.journalEntry()),
                e.obligationId() + ": expected units " + plain(e.expectedBefore()) + " -> " + plain(e.expectedAfter())
                        + ", catch-up " + money(e.revenueMinor(), Currency.getInstance(owner[1])), principal, at);
    }

    @EventHandler
    void on(ContractEvents.MaterialRightLapsed e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        String[] owner = owner(e.contractId());
        obligations(e, owner[0], owner[1], at, token);
        history(e.contractId(), token, "MaterialRightLapsed", e.requestId(), e.effectiveDate(), entryId(e.journalEntry()),
                e.obligationId() + ": " + plain(e.unitsLapsed()) + " units lapsed, revenue "
                        + money(e.revenueMinor(), Currency.getInstance(owner[1])), principal, at);
    }

    @EventHandler
    void on(ContractRevenueRecognized e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        recognized(e.contractId(), e.recognized());
        if (e.shortfallRecognizedMinor() != 0 || e.usageCounted() != null) {
            db.update(Contract.TABLE)
                    .set(Contract.COMMITMENT_RECOGNIZED_MINOR, Contract.COMMITMENT_RECOGNIZED_MINOR.plus(e.shortfallRecognizedMinor()))
                    .set(Contract.USAGE_COUNTED, plain(e.usageCounted()))
                    .where(Contract.CONTRACT_ID.eq(e.contractId())).execute();
        }
        position(e.contractId(), e.positionAfter(), 0);
        long total = e.recognized().values().stream().mapToLong(Long::longValue).sum() + e.shortfallRecognizedMinor();
        history(e.contractId(), token, "ContractRevenueRecognized", e.requestId(), e.through(), entryId(e.journalEntry()),
                "Recognised through " + e.through() + ": " + money(total, currencyOf(e.contractId())), principal, at);
    }

    @EventHandler
    void on(ObligationDelivered e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        String[] owner = owner(e.contractId());
        versions(e, owner[0], owner[1], at, token);
        position(e.contractId(), e.positionAfter(), 0);
        history(e.contractId(), token, "ObligationDelivered", e.requestId(), e.deliveredOn(), entryId(e.journalEntry()),
                e.obligationId() + " delivered: " + money(e.amountMinor(), Currency.getInstance(owner[1])), principal, at);
    }

    @EventHandler
    void on(ContractInvoiced e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        invoice(e.contractId(), e.invoiceId(), e.invoiceDate(), e.dueOn(), e.amountMinor(),
                e.settlement() == Settlement.CASH ? 0 : e.amountMinor(), e.purpose());
        db.update(BillingItem.TABLE).set(BillingItem.BILLED, true)
                .where(BillingItem.CONTRACT_ID.eq(e.contractId())).and(BillingItem.BILL_ON.le(e.invoiceDate())).execute();
        position(e.contractId(), e.positionAfter(), e.amountMinor());
        history(e.contractId(), token, "ContractInvoiced", e.invoiceId(), e.invoiceDate(), entryId(e.journalEntry()),
                "Invoice " + e.invoiceId() + ": " + money(e.amountMinor(), currencyOf(e.contractId())) + " due " + e.dueOn(),
                principal, at);
    }

    @EventHandler
    void on(ContractPaymentReceived e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        db.update(Invoice.TABLE).set(Invoice.OPEN_MINOR, Invoice.OPEN_MINOR.minus(e.amountMinor()))
                .where(Invoice.CONTRACT_ID.eq(e.contractId())).and(Invoice.INVOICE_ID.eq(e.invoiceId())).execute();
        history(e.contractId(), token, "ContractPaymentReceived", e.paymentId(), e.paidOn(), entryId(e.journalEntry()),
                "Payment " + e.paymentId() + " of invoice " + e.invoiceId() + ": " + money(e.amountMinor(), currencyOf(e.contractId())),
                principal, at);
    }

    @EventHandler
    void on(CommitmentSettled e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        db.update(Contract.TABLE).set(Contract.COMMITMENT_SETTLED, true)
                .set(Contract.COMMITMENT_RECOGNIZED_MINOR, e.shortfallMinor())
                .set(Contract.COMMITMENT_SHORTFALL_MINOR, e.shortfallMinor())
                .set(Contract.USAGE_COUNTED, plain(e.usageCounted()))
                .where(Contract.CONTRACT_ID.eq(e.contractId())).execute();
        Currency currency = currencyOf(e.contractId());
        String settlement = db.select(Contract.SETTLEMENT).from(Contract.TABLE).where(Contract.CONTRACT_ID.eq(e.contractId())).fetchOne(Contract.SETTLEMENT);
        if (e.invoiceId() != null) {
            invoice(e.contractId(), e.invoiceId(), e.effectiveDate(), e.effectiveDate(), e.shortfallMinor(),
                    "CASH".equals(settlement) ? 0 : e.shortfallMinor(), "commitment shortfall");
        }
        position(e.contractId(), e.positionAfter(), e.shortfallMinor());
        history(e.contractId(), token, "CommitmentSettled", e.requestId(), e.effectiveDate(), entryId(e.journalEntry()),
                "Commitment " + money(e.commitmentMinor(), currency) + " settled: usage counted "
                        + plain(e.usageCounted()) + ", prepaid credits " + money(e.prepaidCreditsMinor(), currency)
                        + ", shortfall " + money(e.shortfallMinor(), currency), principal, at);
    }

    @EventHandler
    void on(CommitmentEstimateRevised e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        db.update(Contract.TABLE).set(Contract.COMMITMENT_EXPECTED, plain(e.expectedConsumption()))
                .set(Contract.COMMITMENT_RECOGNIZED_MINOR, Contract.COMMITMENT_RECOGNIZED_MINOR.plus(e.shortfallRecognizedMinor()))
                .set(Contract.USAGE_COUNTED, plain(e.usageCounted()))
                .where(Contract.CONTRACT_ID.eq(e.contractId())).execute();
        position(e.contractId(), e.positionAfter(), 0);
        history(e.contractId(), token, "CommitmentEstimateRevised", e.requestId(), e.effectiveDate(), entryId(e.journalEntry()),
                "Expected usage revised to " + plain(e.expectedConsumption()) + ": shortfall catch-up "
                        + money(e.shortfallRecognizedMinor(), currencyOf(e.contractId())), principal, at);
    }

    @EventHandler
    void on(ContractModified e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        Currency currency = currencyOf(e.contractId());
        if (e.treatment() == ModificationTreatment.PROSPECTIVE) {
            String[] owner = owner(e.contractId());
            obligations(e, owner[0], owner[1], at, token);
            allocation(e.contractId(), e.modificationId(), e.effectiveDate(), e.reallocation(), e.sspUsed());
            Integer next = db.select(org.jooq.impl.DSL.max(BillingItem.SEQ)).from(BillingItem.TABLE)
                    .where(BillingItem.CONTRACT_ID.eq(e.contractId())).fetchOne(0, Integer.class);
            int seq = next == null ? 0 : next + 1;
            for (dev.tokenledger.contracts.BillingItem item : e.billingAdded()) {
                db.insertInto(BillingItem.TABLE).set(BillingItem.CONTRACT_ID, e.contractId()).set(BillingItem.SEQ, seq++)
                        .set(BillingItem.BILL_ON, item.billOn()).set(BillingItem.AMOUNT_MINOR, item.amountMinor())
                        .set(BillingItem.BILLED, false).execute();
            }
            db.update(Contract.TABLE).set(Contract.TERM_END, e.termEndAfter())
                    .set(Contract.PRICE_MINOR, Contract.PRICE_MINOR.plus(e.additionalPriceMinor()))
                    .where(Contract.CONTRACT_ID.eq(e.contractId())).execute();
        }
        position(e.contractId(), e.positionAfter(), 0);
        history(e.contractId(), token, "ContractModified", e.modificationId(), e.effectiveDate(), entryId(e.journalEntry()),
                "Modified from " + e.effectiveDate() + " (" + e.treatment() + "): additional price "
                        + money(e.additionalPriceMinor(), currency)
                        + (e.treatment() == ModificationTreatment.SEPARATE_CONTRACT
                        ? ", booked as contract " + e.separateContractId()
                        : ", " + money(e.remainingConsiderationMinor(), currency) + " reallocated, term to " + e.termEndAfter())
                        + ". " + e.reason(), principal, at);
    }

    @EventHandler
    void on(ContractTerminated e, @Timestamp Instant at, TrackingToken token,
            @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        String[] owner = owner(e.contractId());
        Currency currency = Currency.getInstance(owner[1]);
        obligations(e, owner[0], owner[1], at, token);
        if (e.finalInvoiceMinor() > 0) {
            String settlement = db.select(Contract.SETTLEMENT).from(Contract.TABLE).where(Contract.CONTRACT_ID.eq(e.contractId())).fetchOne(Contract.SETTLEMENT);
            invoice(e.contractId(), e.terminationId(), e.effectiveDate(), e.effectiveDate(), e.finalInvoiceMinor(),
                    "CASH".equals(settlement) ? 0 : e.finalInvoiceMinor(), "termination");
        }
        db.update(BillingItem.TABLE).set(BillingItem.BILLED, true).where(BillingItem.CONTRACT_ID.eq(e.contractId())).execute();
        db.update(Contract.TABLE).set(Contract.STATUS, "TERMINATED").set(Contract.TERMINATED_ON, e.effectiveDate())
                .set(Contract.COMMITMENT_SETTLED, org.jooq.impl.DSL.when(Contract.COMMITMENT_MINOR.isNull(), (Boolean) null).otherwise(true))
                .set(Contract.COMMITMENT_SHORTFALL_MINOR, org.jooq.impl.DSL.when(Contract.COMMITMENT_MINOR.isNull(), (Long) null).otherwise(e.shortfallMinor()))
                .where(Contract.CONTRACT_ID.eq(e.contractId())).execute();
        position(e.contractId(), e.positionAfter(), e.finalInvoiceMinor());
        history(e.contractId(), token, "ContractTerminated", e.terminationId(), e.effectiveDate(), entryId(e.journalEntry()),
                "Terminated on " + e.effectiveDate() + ": final invoice " + money(e.finalInvoiceMinor(), currency)
                        + ", refunded " + money(e.refundMinor(), currency) + ", released to revenue "
                        + money(e.released().values().stream().mapToLong(Long::longValue).sum(), currency)
                        + ", credits " + e.credits() + ", commitment " + e.commitment() + ". " + e.reason(), principal, at);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private void obligations(ChangesSchedule e, String customer, String currency, Instant at, TrackingToken token) {
        int seq = 0;
        for (Obligation o : e.obligationsAfter()) {
            db.deleteFrom(ContractTables.Obligation.TABLE)
                    .where(ContractTables.Obligation.CONTRACT_ID.eq(e.contractId()))
                    .and(ContractTables.Obligation.OBLIGATION_ID.eq(o.obligationId())).execute();
            db.insertInto(ContractTables.Obligation.TABLE)
                    .set(ContractTables.Obligation.CONTRACT_ID, e.contractId())
                    .set(ContractTables.Obligation.OBLIGATION_ID, o.obligationId())
                    .set(ContractTables.Obligation.SEQ, seq++)
                    .set(ContractTables.Obligation.KIND, o.kind().name())
                    .set(ContractTables.Obligation.DESCRIPTION, o.description())
                    .set(ContractTables.Obligation.SSP_LABEL, o.sspLabel())
                    .set(ContractTables.Obligation.QUANTITY, plain(o.quantity()))
                    .set(ContractTables.Obligation.SSP, plain(o.standaloneSellingPrice()))
                    .set(ContractTables.Obligation.PATTERN, o.pattern().name())
                    .set(ContractTables.Obligation.BASIS, o.basis() == null ? null : o.basis().name())
                    .set(ContractTables.Obligation.ALLOCATED_MINOR, o.allocatedMinor())
                    .set(ContractTables.Obligation.RECOGNIZED_MINOR, o.recognizedMinor())
                    .set(ContractTables.Obligation.START_DATE, o.segments().isEmpty() ? o.poolStart() : o.segments().get(0).start())
                    .set(ContractTables.Obligation.END_DATE, o.periodEnd())
                    .set(ContractTables.Obligation.EXPECTED_ON, o.expectedOn())
                    .set(ContractTables.Obligation.DELIVERED_ON, o.deliveredOn())
                    .set(ContractTables.Obligation.ENDED_ON, o.endedOn())
                    .set(ContractTables.Obligation.POOL_ID, o.poolId())
                    .set(ContractTables.Obligation.PROGRAM_ID, o.programId())
                    .set(ContractTables.Obligation.CREDITS, plain(o.credits()))
                    .set(ContractTables.Obligation.POOL_EXPIRES_ON, o.poolExpiresOn())
                    .set(ContractTables.Obligation.SEGMENTS, SegmentText.encode(o.segments()))
                    .set(ContractTables.Obligation.OPTION_LIKELIHOOD, o.option() == null ? null : plain(o.option().exerciseLikelihood()))
                    .set(ContractTables.Obligation.OPTION_EXPIRES_ON, o.option() == null ? null : o.option().expiresOn())
                    .set(ContractTables.Obligation.OPTION_EXPECTED_UNITS, o.option() == null ? null : plain(o.option().expectedUnits()))
                    .set(ContractTables.Obligation.OPTION_EXERCISED_UNITS, o.option() == null ? null : plain(o.option().exercisedUnits()))
                    .set(ContractTables.Obligation.OPTION_LAPSED_ON, o.option() == null ? null : o.option().lapsedOn())
                    .execute();
        }
        versions(e, customer, currency, at, token);
    }

    private void versions(ChangesSchedule e, String customer, String currency, Instant at, TrackingToken token) {
        long position = token.position().orElse(-1L);
        for (Obligation o : e.obligationsAfter()) {
            db.insertInto(Version.TABLE).set(Version.CONTRACT_ID, e.contractId()).set(Version.OBLIGATION_ID, o.obligationId())
                    .set(Version.EVENT_POSITION, position).set(Version.KNOWN_FROM, at.atOffset(ZoneOffset.UTC))
                    .set(Version.CUSTOMER_ID, customer).set(Version.CURRENCY, currency).set(Version.KIND, o.kind().name())
                    .set(Version.PATTERN, o.pattern().name()).set(Version.ALLOCATED_MINOR, o.allocatedMinor())
                    .set(Version.SEGMENTS, SegmentText.encode(o.segments())).set(Version.EXPECTED_ON, o.expectedOn())
                    .set(Version.DELIVERED_ON, o.deliveredOn()).set(Version.ENDED_ON, o.endedOn())
                    .set(Version.POOL_ID, o.poolId()).set(Version.POOL_EXPIRES_ON, o.poolExpiresOn())
                    .execute();
        }
        if (e instanceof ObligationDelivered d) {
            recognizedTotal(d.contractId(), d.obligationId(), d.obligationsAfter());
        }
    }

    private void recognizedTotal(String contractId, String obligationId, List<Obligation> after) {
        after.stream().filter(o -> o.obligationId().equals(obligationId)).findFirst().ifPresent(o ->
                db.update(ContractTables.Obligation.TABLE)
                        .set(ContractTables.Obligation.RECOGNIZED_MINOR, o.recognizedMinor())
                        .set(ContractTables.Obligation.DELIVERED_ON, o.deliveredOn())
                        .where(ContractTables.Obligation.CONTRACT_ID.eq(contractId))
                        .and(ContractTables.Obligation.OBLIGATION_ID.eq(obligationId)).execute());
    }

    private void recognized(String contractId, Map<String, Long> deltas) {
        deltas.forEach((obligation, delta) -> db.update(ContractTables.Obligation.TABLE)
                .set(ContractTables.Obligation.RECOGNIZED_MINOR, ContractTables.Obligation.RECOGNIZED_MINOR.plus(delta))
                .where(ContractTables.Obligation.CONTRACT_ID.eq(contractId))
                .and(ContractTables.Obligation.OBLIGATION_ID.eq(obligation)).execute());
    }

    private void allocation(String contractId, String decidedBy, LocalDate on, SspAllocation.Result result,
                            List<SspTerms> used) {
        if (result == null) {
            return;
        }
        Map<String, SspTerms> byLabel = new java.util.HashMap<>();
        used.forEach(t -> byLabel.put(t.label(), t));
        Map<String, BigDecimal> groupDiscount = new java.util.HashMap<>();
        result.groups().forEach(g -> groupDiscount.put(g.group(), g.discount()));
        int lineNo = 0;
        for (SspAllocation.Line line : result.lines()) {
            SspTerms terms = byLabel.get(line.sspLabel());
            db.insertInto(AllocationLine.TABLE).set(AllocationLine.CONTRACT_ID, contractId)
                    .set(AllocationLine.DECIDED_BY, decidedBy).set(AllocationLine.LINE_NO, lineNo++)
                    .set(AllocationLine.DECIDED_ON, on).set(AllocationLine.OBLIGATION_ID, line.obligationId())
                    .set(AllocationLine.SSP_ID, terms == null ? labelId(line.sspLabel()) : terms.sspId())
                    .set(AllocationLine.SSP_VERSION, terms == null ? labelVersion(line.sspLabel()) : Integer.valueOf(terms.version()))
                    .set(AllocationLine.METHOD, line.method().name()).set(AllocationLine.SSP, plain(line.standaloneSellingPrice()))
                    .set(AllocationLine.GROUP_NAME, line.group())
                    .set(AllocationLine.GROUP_DISCOUNT, plain(groupDiscount.getOrDefault(line.group(), BigDecimal.ZERO)))
                    .set(AllocationLine.ALLOCATED_MINOR, line.allocatedMinor()).set(AllocationLine.TOTAL_MINOR, result.priceMinor())
                    .execute();
        }
    }

    private static String labelId(String label) {
        int v = label.lastIndexOf(" v");
        return v < 0 ? label : label.substring(0, v);
    }

    private static Integer labelVersion(String label) {
        int v = label.lastIndexOf(" v");
        try {
            return v < 0 ? null : Integer.valueOf(label.substring(v + 2));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void invoice(String contractId, String invoiceId, LocalDate date, LocalDate due, long amount, long open,
                         String purpose) {
        db.insertInto(Invoice.TABLE).set(Invoice.CONTRACT_ID, contractId).set(Invoice.INVOICE_ID, invoiceId)
                .set(Invoice.INVOICE_DATE, date).set(Invoice.DUE_ON, due).set(Invoice.AMOUNT_MINOR, amount)
                .set(Invoice.OPEN_MINOR, open).set(Invoice.PURPOSE, purpose).execute();
    }

    private void position(String contractId, long position, long billed) {
        db.update(Contract.TABLE).set(Contract.POSITION_MINOR, position)
                .set(Contract.BILLED_MINOR, Contract.BILLED_MINOR.plus(billed))
                .where(Contract.CONTRACT_ID.eq(contractId)).execute();
    }

    private void history(String contractId, TrackingToken token, String type, String requestId, LocalDate date,
                         String entryId, String summary, String principal, Instant at) {
        db.insertInto(History.TABLE).set(History.CONTRACT_ID, contractId)
                .set(History.EVENT_POSITION, token.position().orElse(-1L)).set(History.EVENT_TYPE, type)
                .set(History.REQUEST_ID, requestId).set(History.EFFECTIVE_DATE, date).set(History.ENTRY_ID, entryId)
                .set(History.SUMMARY, summary.length() > 2000 ? summary.substring(0, 2000) : summary)
                .set(History.PRINCIPAL, principal).set(History.RECORDED_AT, at.atOffset(ZoneOffset.UTC)).execute();
    }

    /** The contract's customer and currency. */
    private String[] owner(String contractId) {
        var r = db.select(Contract.CUSTOMER_ID, Contract.CURRENCY).from(Contract.TABLE)
                .where(Contract.CONTRACT_ID.eq(contractId)).fetchOne();
        return new String[]{r.get(Contract.CUSTOMER_ID), r.get(Contract.CURRENCY)};
    }

    private Currency currencyOf(String contractId) {
        return Currency.getInstance(owner(contractId)[1]);
    }

    private static String entryId(PostedEntry entry) {
        return entry == null ? null : entry.entryId();
    }

    static String money(long minor, Currency currency) {
        return Money.ofMinor(minor, currency).amount().toPlainString() + " " + currency.getCurrencyCode();
    }

    static String plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    @ResetHandler
    void reset() {
        for (var table : List.of(Ssp.TABLE, Contract.TABLE, ContractTables.Obligation.TABLE, Version.TABLE,
                AllocationLine.TABLE, BillingItem.TABLE, Invoice.TABLE, History.TABLE)) {
            db.truncate(table).execute();
        }
    }

    static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
