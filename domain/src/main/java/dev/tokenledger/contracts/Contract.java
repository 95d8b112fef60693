package dev.tokenledger.contracts;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.contracts.ContractCommands.DeliverObligation;
import dev.tokenledger.contracts.ContractCommands.ExerciseMaterialRight;
import dev.tokenledger.contracts.ContractCommands.LapseMaterialRight;
import dev.tokenledger.contracts.ContractCommands.ReviseMaterialRightEstimate;
import dev.tokenledger.contracts.ContractEvents.MaterialRightEstimateRevised;
import dev.tokenledger.contracts.ContractEvents.MaterialRightExercised;
import dev.tokenledger.contracts.ContractEvents.MaterialRightFunded;
import dev.tokenledger.contracts.ContractEvents.MaterialRightLapsed;
import dev.tokenledger.contracts.ContractCommands.InvoiceContract;
import dev.tokenledger.contracts.ContractCommands.ModifyContract;
import dev.tokenledger.contracts.ContractCommands.RecognizeContractRevenue;
import dev.tokenledger.contracts.ContractCommands.RecordContractPayment;
import dev.tokenledger.contracts.ContractCommands.ReviseCommitmentEstimate;
import dev.tokenledger.contracts.ContractCommands.SettleCommitment;
import dev.tokenledger.contracts.ContractCommands.SignContract;
import dev.tokenledger.contracts.ContractCommands.TerminateContract;
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
import dev.tokenledger.credits.Commands.ExpireContractCredits;
import dev.tokenledger.credits.Commands.FundContractCredits;
import dev.tokenledger.credits.CreditProgramBook;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.ProcessedRequests;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.money.Money;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A contract with several performance obligations (ASC 606 steps 4 and 5; README "Contracts"): one aggregate per
 * contract, "contract:{contractId}". Signing allocates the fixed price by relative SSP ({@link SspAllocation}) and
 * funds the credit pools; obligations satisfied over time are recognised by cumulative catch-up, point-in-time ones on
 * delivery; billing follows its own plan, and the difference is the contract's position (a contract liability or a
 * contract asset, {@link ContractPostings}); a committed minimum is settled at the end of the term
 * ({@link CommitmentRules}). Modifications and termination are new events ({@link ContractChanges}).
 */
@AggregateRoot
public class Contract {

    /** The accounting-policy version contract postings are decided under (README "Contracts"). */
    public static final String POLICY_VERSION = "contracts/2026-12";

    @AggregateIdentifier
    private String id;
    private String contractId;
    private String customerId;
    private Currency currency;
    private LocalDate signedOn;
    private LocalDate termStart;
    private LocalDate termEnd;
    private ContractCommands.BillingTerms billing;
    private TerminationRefund refundOnTermination;
    private LocalDate terminatedOn;
    private long priceMinor;
    private final Map<String, Obligation> obligations = new LinkedHashMap<>();
    private Commitment commitment;
    private final ContractBilling billed = new ContractBilling();
    private final ProcessedRequests processed = new ProcessedRequests();

    protected Contract() {
    }

    /**
     * What a contract command returns. {@code walletFunding} and {@code walletExpiries} are the wallet commands the
     * ledger sends in the same transaction; {@code separateContract} the contract a modification at SSP becomes.
     */
    public record ContractResult(String contractId, String requestId, List<String> entryIds, boolean alreadyApplied,
                                 ModificationTreatment treatment, List<FundContractCredits> walletFunding,
                                 List<ExpireContractCredits> walletExpiries, SignContract separateContract) {

        static ContractResult retry(String contractId, String requestId) {
            return new ContractResult(contractId, requestId, List.of(), true, null, List.of(), List.of(), null);
        }
    }

    // --- signing ---------------------------------------------------------------------------------------------

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ContractResult handle(SignContract c, ChartOfAccounts chart, PeriodCalendar calendar, SspBook ssps,
                                 CreditProgramBook programs) {
        String hash = InputFingerprint.of("sign", c.customerId(), c.currency(), c.signedOn(), c.termStart(), c.termEnd(),
                c.transactionPrice(), c.obligations(), c.discounts(), c.commitment(), c.billing(),
                c.refundOnTermination(), c.memo(), c.modificationOf());
        if (processed.isRetry(c.contractId(), hash, "contractId")) {
            return ContractResult.retry(c.contractId(), c.contractId());
        }
        if (contractId != null) {
            throw LedgerRejection.of(RejectionCode.IDEMPOTENCY_KEY_REUSED, "contractId", "contract " + c.contractId()
                    + " was already signed with other terms; modify it instead");
        }
        ContractSigning.Signed signed = ContractSigning.check(c, ssps, programs);
        apply(new ContractSigned(c.contractId(), c.customerId(), c.currency(), c.signedOn(), c.termStart(), c.termEnd(),
                signed.priceMinor(), signed.obligations(), signed.allocation(), signed.sspUsed(), signed.discounts(),
                signed.commitment(), signed.billing(), signed.billingPlan(), signed.refundOnTermination(), c.memo(),
                c.modificationOf(), POLICY_VERSION, 0, null, hash));
        List<String> entries = new ArrayList<>();
        List<FundContractCredits> funding = fundPools(signed.obligations(), chart, calendar, c.contractId(), entries);
        fundMaterialRights(signed.obligations(), c.termStart(), chart, calendar, c.contractId(), entries);
        return new ContractResult(c.contractId(), c.contractId(), entries, false, null, funding, List.of(), null);
    }

    /** Funds each credit pool among {@code added}, each by its own event dated on the pool's first day. */
    private List<FundContractCredits> fundPools(List<Obligation> added, ChartOfAccounts chart, PeriodCalendar calendar,
                                                String requestId, List<String> entries) {
        List<FundContractCredits> funding = new ArrayList<>();
        for (Obligation o : added) {
            if (!o.isCreditPool()) {
                continue;
            }
            ContractPostings postings = postings(chart).fundPool(o.allocatedMinor(), o.obligationId(), o.poolId());
            PostedEntry entry = postings.entry("fund-" + o.obligationId(), o.poolStart(),
                    "Credit pool " + o.poolId() + " funded by contract " + contractId, null, POLICY_VERSION, calendar);
            apply(new ContractCreditsFunded(contractId, customerId, o.obligationId(), o.poolId(), requestId,
                    o.poolStart(), o.allocatedMinor(), o.programId(), o.credits(), o.poolExpiresOn(),
                    postings.position(), entry));
            if (entry != null) {
                entries.add(entry.entryId());
            }
            funding.add(new FundContractCredits(customerId, o.poolId(), contractId, o.obligationId(), o.programId(),
                    o.poolStart(), o.allocatedMinor(), currency.getCurrencyCode(), o.credits(), o.poolExpiresOn()));
        }
        return funding;
    }

    /** Moves each material right among {@code added} into its own liability, each by its own event. */
    private void fundMaterialRights(List<Obligation> added, LocalDate on, ChartOfAccounts chart,
                                    PeriodCalendar calendar, String requestId, List<String> entries) {
        for (Obligation o : added) {
            if (!o.isMaterialRight()) {
                continue;
            }
            ContractPostings postings = postings(chart).fundMaterialRight(o.allocatedMinor(), o.obligationId());
            PostedEntry entry = postings.entry("fund-" + o.obligationId(), on, "Material right " + o.obligationId()
                    + " of contract " + contractId + " funded", null, POLICY_VERSION, calendar);
            apply(new MaterialRightFunded(contractId, customerId, o.obligationId(), requestId, on, o.allocatedMinor(),
                    postings.position(), entry));
            if (entry != null) {
                entries.add(entry.entryId());
            }
        }
    }

    // --- material rights (MaterialRights decides) ----------------------------------------------------------------

    @CommandHandler
    public ContractResult handle(ExerciseMaterialRight c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("exercise", c.obligationId(), c.effectiveDate(), c.units());
        return once(c.requestId(), hash, () -> {
            MaterialRightExercised e = MaterialRights.exercise(this, c, hash, chart, calendar);
            apply(e);
            return posted(c.requestId(), e.journalEntry());
        });
    }

    @CommandHandler
    public ContractResult handle(ReviseMaterialRightEstimate c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("revise-option", c.obligationId(), c.effectiveDate(), c.expectedUnits(),
                c.reason());
        return once(c.requestId(), hash, () -> {
            MaterialRightEstimateRevised e = MaterialRights.revise(this, c, hash, chart, calendar);
            apply(e);
            return posted(c.requestId(), e.journalEntry());
        });
    }

    @CommandHandler
    public ContractResult handle(LapseMaterialRight c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("lapse", c.obligationId(), c.effectiveDate(), c.reason());
        return once(c.requestId(), hash, () -> {
            MaterialRightLapsed e = MaterialRights.lapse(this, c, hash, chart, calendar);
            apply(e);
            return posted(c.requestId(), e.journalEntry());
        });
    }

    // --- recognition ------------------------------------------------------------------------------------------

    @CommandHandler
    public ContractResult handle(RecognizeContractRevenue c, ChartOfAccounts chart, PeriodCalendar calendar,
                                 ConsumptionMeter meter) {
        String hash = InputFingerprint.of("recognize", c.through());
        return once(c.requestId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "requestId", c.requestId());
            RequestChecks.date(v, "through", c.through());
            v.throwIfAny();
            ContractPostings postings = postings(chart);
            Map<String, Long> recognized = catchUp(postings, c.through());
            CommitmentRules.Measured measured = CommitmentRules.measure(commitment, customerId, currency, termStart,
                    termEnd, prepaidCredits(), c.through(), meter);
            if (measured != null && measured.deltaMinor() != 0) {
                postings.recognize(AccountRole.COMMITMENT_SHORTFALL_REVENUE, measured.deltaMinor(), null);
            }
            // what is recognised beyond the end belongs to the term: the entry is dated on its last day at the latest
            LocalDate end = terminatedOn != null ? terminatedOn : termEnd;
            LocalDate date = end.isBefore(c.through()) ? end : c.through();
            PostedEntry entry = postings.entry(c.requestId(), date, "Contract revenue recognised through " + c.through(),
                    null, POLICY_VERSION, calendar);
            if (entry == null) {
                return new ContractResult(contractId, c.requestId(), List.of(), false, null, List.of(), List.of(), null);
            }
            apply(new ContractRevenueRecognized(contractId, c.requestId(), c.through(), recognized,
                    measured == null ? 0 : measured.deltaMinor(), measured == null ? null : measured.usageCounted(),
                    postings.position(), entry, hash));
            return posted(c.requestId(), entry);
        });
    }

    /** Posts, for every RATABLE obligation, what its schedule recognises through {@code through} beyond what it has. */
    Map<String, Long> catchUp(ContractPostings postings, LocalDate through) {
        Map<String, Long> deltas = new LinkedHashMap<>();
        for (Obligation o : obligations.values()) {
            if (!o.isRatable()) {
                continue;
            }
            long delta = o.scheduledThrough(through) - o.recognizedMinor();
            if (delta > 0) {
                postings.recognize(o.kind().revenueRole(), delta, o.obligationId());
                deltas.put(o.obligationId(), delta);
            }
        }
        return deltas;
    }

    @CommandHandler
    public ContractResult handle(DeliverObligation c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("deliver", c.obligationId(), c.deliveredOn());
        return once(c.requestId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "requestId", c.requestId());
            RequestChecks.date(v, "deliveredOn", c.deliveredOn());
            v.throwIfAny();
            Obligation o = obligations.get(c.obligationId());
            if (o == null) {
                throw LedgerRejection.of(RejectionCode.UNKNOWN_OBLIGATION, "obligationId", "contract " + contractId
                        + " has no obligation " + c.obligationId());
            }
            if (!o.isPointInTime()) {
                throw LedgerRejection.of(RejectionCode.NOT_DELIVERED_AT_A_POINT_IN_TIME, "obligationId", o.obligationId()
                        + " is recognised " + o.pattern());
            }
            if (o.deliveredOn() != null) {
                throw LedgerRejection.of(RejectionCode.OBLIGATION_ALREADY_SATISFIED, "obligationId", o.obligationId()
                        + " was delivered on " + o.deliveredOn());
            }
            checkActiveOn("deliveredOn", c.deliveredOn());
            ContractPostings postings = postings(chart).recognize(o.kind().revenueRole(), o.unrecognizedMinor(),
                    o.obligationId());
            PostedEntry entry = postings.entry(c.requestId(), c.deliveredOn(), "Delivered: " + label(o), null,
                    POLICY_VERSION, calendar);
            List<Obligation> after = replacing(o.delivered(c.deliveredOn()));
            apply(new ObligationDelivered(contractId, o.obligationId(), c.requestId(), c.deliveredOn(),
                    o.unrecognizedMinor(), after, postings.position(), entry, hash));
            return posted(c.requestId(), entry);
        });
    }

    // --- billing ----------------------------------------------------------------------------------------------

    @CommandHandler
    public ContractResult handle(InvoiceContract c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("invoice", c.invoiceDate());
        return once(c.invoiceId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "invoiceId", c.invoiceId());
            RequestChecks.date(v, "invoiceDate", c.invoiceDate());
            v.throwIfAny();
            ContractBilling.Due due = billed.dueThrough(c.invoiceDate());
            if (due.amountMinor() == 0) {
                throw LedgerRejection.of(RejectionCode.NOTHING_TO_INVOICE, "invoiceDate", "nothing of contract "
                        + contractId + "'s billing plan is due and unbilled on " + c.invoiceDate()
                        + billed.nextDue().map(d -> "; next billable on " + d).orElse(""));
            }
            ContractPostings postings = postings(chart).bill(debitForBilling(), due.amountMinor());
            PostedEntry entry = postings.entry(c.invoiceId(), c.invoiceDate(), "Contract invoice " + c.invoiceId(),
                    null, POLICY_VERSION, calendar);
            apply(new ContractInvoiced(contractId, c.invoiceId(), c.invoiceDate(), dueOn(c.invoiceDate()),
                    due.amountMinor(), due.items(), settlement(), "billing plan", postings.position(), entry, hash));
            return posted(c.invoiceId(), entry);
        });
    }

    @CommandHandler
    public ContractResult handle(RecordContractPayment c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("payment", c.invoiceId(), c.paidOn(), c.amount());
        return once(c.paymentId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "paymentId", c.paymentId());
            RequestChecks.date(v, "paidOn", c.paidOn());
            RequestChecks.optionalId(v, "invoiceId", c.invoiceId());
            // no amount: the whole amount open on the invoice
            long amount = c.amount() == null ? 0 : RequestChecks.amount(v, "amount", c.amount(), currency);
            v.throwIfAny();
            long open = c.invoiceId() == null ? -1 : billed.openOn(c.invoiceId());
            if (open < 0) {
                throw LedgerRejection.of(RejectionCode.UNKNOWN_INVOICE, "invoiceId", "contract " + contractId
                        + " has no invoice " + c.invoiceId());
            }
            if (c.amount() == null) {
                amount = open;
            }
            if (amount == 0) {
                throw LedgerRejection.of(RejectionCode.PAYMENT_EXCEEDS_INVOICE, "amount", "invoice " + c.invoiceId()
                        + " has nothing open");
            }
            if (amount > open) {
                throw LedgerRejection.of(RejectionCode.PAYMENT_EXCEEDS_INVOICE, "amount", "invoice " + c.invoiceId()
                        + " has " + Money.ofMinor(open, currency) + " open");
            }
            ContractPostings postings = postings(chart).pair(AccountRole.CASH, AccountRole.ACCOUNTS_RECEIVABLE, amount,
                    null, null);
            PostedEntry entry = postings.entry(c.paymentId(), c.paidOn(), "Payment of contract invoice " + c.invoiceId(),
                    null, POLICY_VERSION, calendar);
            apply(new ContractPaymentReceived(contractId, c.paymentId(), c.invoiceId(), c.paidOn(), amount, entry, hash));
            return posted(c.paymentId(), entry);
        });
    }

    // --- the committed minimum ----------------------------------------------------------------------------------

    @CommandHandler
    public ContractResult handle(SettleCommitment c, ChartOfAccounts chart, PeriodCalendar calendar,
                                 ConsumptionMeter meter) {
        String hash = InputFingerprint.of("settle", c.effectiveDate());
        return once(c.requestId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "requestId", c.requestId());
            RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            v.throwIfAny();
            requireCommitment();
            LocalDate end = terminatedOn != null ? terminatedOn : termEnd;
            if (c.effectiveDate().isBefore(end)) {
                throw LedgerRejection.of(RejectionCode.COMMITMENT_NOT_DUE, "effectiveDate", "the commitment's term ends "
                        + end + "; settle it then or later");
            }
            ContractPostings postings = postings(chart);
            CommitmentRules.Settlement s = CommitmentRules.settle(commitment, customerId, currency, termStart, end,
                    prepaidCredits(), meter, postings, debitForBilling());
            PostedEntry entry = postings.entry(c.requestId(), c.effectiveDate(), "Commitment of contract " + contractId
                    + " settled: shortfall " + Money.ofMinor(s.shortfallMinor(), currency), null, POLICY_VERSION, calendar);
            apply(new CommitmentSettled(contractId, c.requestId(), c.effectiveDate(), commitment.amountMinor(),
                    s.usageCounted(), s.postings(), prepaidCredits(), s.shortfallMinor(), commitment.recognizedMinor(),
                    s.shortfallMinor() > 0 ? c.requestId() : null, postings.position(), entry, hash));
            return posted(c.requestId(), entry);
        });
    }

    @CommandHandler
    public ContractResult handle(ReviseCommitmentEstimate c, ChartOfAccounts chart, PeriodCalendar calendar,
                                 ConsumptionMeter meter) {
        String hash = InputFingerprint.of("revise", c.effectiveDate(), c.expectedConsumption(), c.reason());
        return once(c.requestId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "requestId", c.requestId());
            RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            RequestChecks.reason(v, "reason", c.reason());
            RequestChecks.exactAmount(v, RejectionCode.CONTRACT_TERMS_INVALID, "expectedConsumption",
                    c.expectedConsumption(), false);
            v.throwIfAny();
            requireCommitment();
            if (commitment.policy() != CommitmentPolicy.PROPORTIONAL_EXPECTED_SHORTFALL) {
                throw LedgerRejection.of(RejectionCode.CONTRACT_TERMS_INVALID, "expectedConsumption", "the commitment is "
                        + commitment.policy() + "; only PROPORTIONAL_EXPECTED_SHORTFALL uses an estimate");
            }
            checkActiveOn("effectiveDate", c.effectiveDate());
            Commitment revised = commitment.withExpected(c.expectedConsumption(), commitment.recognizedMinor());
            CommitmentRules.Measured measured = CommitmentRules.measure(revised, customerId, currency, termStart,
                    termEnd, prepaidCredits(), c.effectiveDate(), meter);
            ContractPostings postings = postings(chart);
            postings.recognize(AccountRole.COMMITMENT_SHORTFALL_REVENUE, measured.deltaMinor(), null);
            PostedEntry entry = postings.entry(c.requestId(), c.effectiveDate(), "Expected usage of contract "
                    + contractId + " revised", c.reason(), POLICY_VERSION, calendar);
            apply(new CommitmentEstimateRevised(contractId, c.requestId(), c.effectiveDate(), c.expectedConsumption(),
                    measured.usageCounted(), measured.deltaMinor(), c.reason(), postings.position(), entry, hash));
            return posted(c.requestId(), entry);
        });
    }

    // --- modifications and termination ---------------------------------------------------------------------------

    @CommandHandler
    public ContractResult handle(ModifyContract c, ChartOfAccounts chart, PeriodCalendar calendar, SspBook ssps,
                                 CreditProgramBook programs) {
        String hash = InputFingerprint.of("modify", c.effectiveDate(), c.additionalPrice(), c.addObligations(),
                c.newTermEnd(), c.reason());
        return once(c.modificationId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "modificationId", c.modificationId());
            RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            v.throwIfAny();
            checkActiveOn("effectiveDate", c.effectiveDate());
            ContractChanges.Modification m = ContractChanges.modify(this, c, ssps, programs);
            if (m.treatment() == ModificationTreatment.SEPARATE_CONTRACT) {
                apply(new ContractModified(contractId, c.modificationId(), c.effectiveDate(), m.treatment(),
                        m.additionalPriceMinor(), termEnd, Map.of(), 0, null, List.of(), List.copyOf(obligations.values()),
                        List.of(), m.separateContract().contractId(), c.reason(), POLICY_VERSION, billed.position(),
                        null, hash));
                return new ContractResult(contractId, c.modificationId(), List.of(), false, m.treatment(), List.of(),
                        List.of(), m.separateContract());
            }
            ContractPostings postings = postings(chart);
            Map<String, Long> caughtUp = catchUp(postings, c.effectiveDate().minusDays(1));
            PostedEntry entry = postings.entry(c.modificationId(), c.effectiveDate().minusDays(1),
                    "Contract " + contractId + " recognised up to modification " + c.modificationId(), c.reason(),
                    POLICY_VERSION, calendar);
            // the reallocation works from the state after the catch-up
            Map<String, Obligation> caught = new LinkedHashMap<>(obligations);
            caughtUp.forEach((oid, delta) -> caught.put(oid, caught.get(oid).recognized(caught.get(oid).recognizedMinor() + delta)));
            ContractChanges.Reallocation r = ContractChanges.reallocate(caught, m, c.effectiveDate(), termEnd, currency);
            apply(new ContractModified(contractId, c.modificationId(), c.effectiveDate(), m.treatment(),
                    m.additionalPriceMinor(), m.termEndAfter(), caughtUp, r.remainingMinor(), r.allocation(),
                    m.sspUsed(), r.obligationsAfter(), r.billingAdded(billing.schedule()), null, c.reason(),
                    POLICY_VERSION, postings.position(), entry, hash));
            List<String> entries = new ArrayList<>();
            if (entry != null) {
                entries.add(entry.entryId());
            }
            List<FundContractCredits> funding = fundPools(r.added(), chart, calendar, c.modificationId(), entries);
            fundMaterialRights(r.added(), c.effectiveDate(), chart, calendar, c.modificationId(), entries);
            return new ContractResult(contractId, c.modificationId(), entries, false, m.treatment(), funding,
                    List.of(), null);
        });
    }

    @CommandHandler
    public ContractResult handle(TerminateContract c, ChartOfAccounts chart, PeriodCalendar calendar,
                                 ConsumptionMeter meter) {
        String hash = InputFingerprint.of("terminate", c.effectiveDate(), c.credits(), c.commitment(), c.reason());
        return once(c.terminationId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "terminationId", c.terminationId());
            RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            RequestChecks.reason(v, "reason", c.reason());
            v.throwIfAny();
            checkActiveOn("effectiveDate", c.effectiveDate());
            ContractPostings postings = postings(chart);
            ContractChanges.Termination t = ContractChanges.terminate(this, c, postings, meter);
            PostedEntry entry = postings.entry(c.terminationId(), c.effectiveDate(), "Contract " + contractId
                    + " terminated", c.reason(), POLICY_VERSION, calendar);
            apply(new ContractTerminated(contractId, c.terminationId(), c.effectiveDate(), t.caughtUp(),
                    t.finalInvoiceMinor(), t.refundMinor(), t.released(), t.credits(),
                    t.poolsToExpire().stream().map(ExpireContractCredits::poolId).toList(), t.commitment(),
                    t.shortfallMinor(), t.obligationsAfter(), c.reason(), postings.position(), entry, hash));
            return new ContractResult(contractId, c.terminationId(), entry == null ? List.of() : List.of(entry.entryId()),
                    false, null, List.of(), t.poolsToExpire(), null);
        });
    }

    // --- state, as the events say ----------------------------------------------------------------------------

    @EventSourcingHandler
    void on(ContractSigned e) {
        id = ContractIds.aggregateId(e.contractId());
        contractId = e.contractId();
        customerId = e.customerId();
        currency = Currency.getInstance(e.currency());
        signedOn = e.signedOn();
        termStart = e.termStart();
        termEnd = e.termEnd();
        billing = e.billing();
        refundOnTermination = e.refundOnTermination();
        priceMinor = e.priceMinor();
        e.obligationsAfter().forEach(o -> obligations.put(o.obligationId(), o));
        commitment = e.commitment();
        billed.plan(e.billingPlan());
        processed.record(e.contractId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(ContractCreditsFunded e) {
        billed.moveTo(e.positionAfter());
    }

    @EventSourcingHandler
    void on(ContractRevenueRecognized e) {
        e.recognized().forEach((oid, delta) -> {
            Obligation o = obligations.get(oid);
            obligations.put(oid, o.recognized(o.recognizedMinor() + delta));
        });
        if (e.shortfallRecognizedMinor() != 0) {
            commitment = commitment.withRecognized(commitment.recognizedMinor() + e.shortfallRecognizedMinor());
        }
        billed.moveTo(e.positionAfter());
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(MaterialRightFunded e) {
        billed.moveTo(e.positionAfter());
    }

    @EventSourcingHandler
    void on(MaterialRightExercised e) {
        e.obligationsAfter().forEach(o -> obligations.put(o.obligationId(), o));
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(MaterialRightEstimateRevised e) {
        e.obligationsAfter().forEach(o -> obligations.put(o.obligationId(), o));
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(MaterialRightLapsed e) {
        e.obligationsAfter().forEach(o -> obligations.put(o.obligationId(), o));
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(ObligationDelivered e) {
        e.obligationsAfter().forEach(o -> obligations.put(o.obligationId(), o));
        billed.moveTo(e.positionAfter());
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(ContractInvoiced e) {
        billed.invoiced(e.invoiceId(), e.invoiceDate(), e.amountMinor(), e.settlement() == Settlement.CASH, true);
        billed.moveTo(e.positionAfter());
        processed.record(e.invoiceId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(ContractPaymentReceived e) {
        billed.paid(e.invoiceId(), e.amountMinor());
        processed.record(e.paymentId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(CommitmentSettled e) {
        commitment = commitment.settledAt(e.shortfallMinor());
        if (e.invoiceId() != null) {
            billed.invoiced(e.invoiceId(), e.effectiveDate(), e.shortfallMinor(), settlement() == Settlement.CASH, false);
        }
        billed.moveTo(e.positionAfter());
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(CommitmentEstimateRevised e) {
        commitment = commitment.withExpected(e.expectedConsumption(),
                commitment.recognizedMinor() + e.shortfallRecognizedMinor());
        billed.moveTo(e.positionAfter());
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(ContractModified e) {
        if (e.treatment() == ModificationTreatment.PROSPECTIVE) {
            e.obligationsAfter().forEach(o -> obligations.put(o.obligationId(), o));
            termEnd = e.termEndAfter();
            priceMinor += e.additionalPriceMinor();
            billed.plan(e.billingAdded());
        }
        billed.moveTo(e.positionAfter());
        processed.record(e.modificationId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(ContractTerminated e) {
        e.obligationsAfter().forEach(o -> obligations.put(o.obligationId(), o));
        terminatedOn = e.effectiveDate();
        if (e.finalInvoiceMinor() > 0) {
            billed.invoiced(e.terminationId(), e.effectiveDate(), e.finalInvoiceMinor(), settlement() == Settlement.CASH, true);
        }
        if (e.shortfallMinor() > 0 || commitment != null) {
            commitment = commitment == null ? null : commitment.settledAt(e.shortfallMinor());
        }
        billed.cancelAfter(e.effectiveDate());
        billed.moveTo(e.positionAfter());
        processed.record(e.terminationId(), e.inputHash());
    }

    // --- helpers for the members -------------------------------------------------------------------------------

    private ContractResult once(String requestId, String hash, Supplier<ContractResult> command) {
        if (processed.isRetry(requestId, hash, "requestId")) {
            return ContractResult.retry(contractId, requestId);
        }
        return command.get();
    }

    private ContractResult posted(String requestId, PostedEntry entry) {
        return new ContractResult(contractId, requestId, entry == null ? List.of() : List.of(entry.entryId()), false,
                null, List.of(), List.of(), null);
    }

    private ContractPostings postings(ChartOfAccounts chart) {
        return new ContractPostings(chart, customerId, contractId, currency, billed.position());
    }

    private void checkActiveOn(String field, LocalDate date) {
        if (terminatedOn != null) {
            throw LedgerRejection.of(RejectionCode.CONTRACT_ENDED, field, "contract " + contractId + " was terminated on "
                    + terminatedOn);
        }
        if (date.isBefore(termStart) || date.isAfter(termEnd)) {
            throw LedgerRejection.of(RejectionCode.DATED_OUTSIDE_CONTRACT, field, date + " is outside the term "
                    + termStart + " to " + termEnd);
        }
    }

    private void requireCommitment() {
        if (commitment == null) {
            throw LedgerRejection.of(RejectionCode.NO_COMMITMENT, "contractId", "contract " + contractId
                    + " has no committed minimum spend");
        }
        if (commitment.settled()) {
            throw LedgerRejection.of(RejectionCode.COMMITMENT_ALREADY_SETTLED, "contractId", "the commitment of contract "
                    + contractId + " was settled");
        }
    }

    private List<Obligation> replacing(Obligation changed) {
        List<Obligation> after = new ArrayList<>();
        obligations.values().forEach(o -> after.add(o.obligationId().equals(changed.obligationId()) ? changed : o));
        return after;
    }

    private static String label(Obligation o) {
        return o.obligationId() + (o.description() == null ? "" : " (" + o.description() + ")");
    }

    Settlement settlement() {
        return billing.settlement() == null ? Settlement.INVOICED : billing.settlement();
    }

    AccountRole debitForBilling() {
        return settlement() == Settlement.CASH ? AccountRole.CASH : AccountRole.ACCOUNTS_RECEIVABLE;
    }

    private LocalDate dueOn(LocalDate invoiceDate) {
        return invoiceDate.plusDays(billing.paymentTermsDays() == null ? 30 : billing.paymentTermsDays());
    }

    /** The consideration allocated to the contract's credit pools: prepaid spend toward the commitment. */
    long prepaidCredits() {
        return obligations.values().stream().filter(Obligation::isCreditPool).mapToLong(Obligation::allocatedMinor).sum();
    }

    long priceMinor() {
        return priceMinor;
    }

    Map<String, Obligation> obligations() {
        return obligations;
    }

    String contractId() {
        return contractId;
    }

    String customerId() {
        return customerId;
    }

    Currency currency() {
        return currency;
    }

    LocalDate termStart() {
        return termStart;
    }

    LocalDate termEnd() {
        return termEnd;
    }

    ContractCommands.BillingTerms billing() {
        return billing;
    }

    TerminationRefund refundOnTermination() {
        return refundOnTermination;
    }

    Commitment commitment() {
        return commitment;
    }

    ContractBilling billed() {
        return billed;
    }

    static BigDecimal exact(long minor, Currency currency) {
        return BigDecimal.valueOf(minor).movePointLeft(Money.fractionDigits(currency));
    }

    static long roundHalfUp(BigDecimal major, Currency currency) {
        return major.movePointRight(Money.fractionDigits(currency)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }
}
