package dev.tokenledger.licensing;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.journal.PairedEntry;
import dev.tokenledger.journal.Payments;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.ProcessedRequests;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.licensing.LicenceCommands.GrantLicence;
import dev.tokenledger.licensing.LicenceCommands.RecordLicencePayment;
import dev.tokenledger.licensing.LicenceCommands.ReportRoyalties;
import dev.tokenledger.licensing.LicenceCommands.SettleMinimumGuarantee;
import dev.tokenledger.licensing.LicenceCommands.TransferLicence;
import dev.tokenledger.licensing.LicenceEvents.LicenceGranted;
import dev.tokenledger.licensing.LicenceEvents.LicencePaymentReceived;
import dev.tokenledger.licensing.LicenceEvents.LicenceTransferred;
import dev.tokenledger.licensing.LicenceEvents.MinimumGuaranteeSettled;
import dev.tokenledger.licensing.LicenceEvents.RoyaltiesReported;
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
import java.util.Currency;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A licence of functional IP with sales- or usage-based royalties (ASC 606-10-55-54 to 55-65B; README "Licences and
 * royalties"): one aggregate per licence, "licence:{licenceId}". The fixed fee and a minimum guarantee are fixed
 * consideration, recognised as LICENCE_REVENUE when control passes (not before the customer can use the licence);
 * royalties are recognised at the later of the usage they are owed on and that transfer (the royalty exception,
 * 55-65), and only where the licence is the predominant item; until the transfer, what was billed is a contract
 * liability (DEFERRED_REVENUE_LICENCES). Royalties within the guarantee are billed against the contract asset the
 * guarantee created; the shortfall is billed when the term ends.
 */
@AggregateRoot
public class Licence {

    public static final String POLICY_VERSION = "licences/2026-12";

    @AggregateIdentifier
    private String id;
    private String licenceId;
    private String customerId;
    private Currency currency;
    private LocalDate signedOn;
    private LocalDate licenceStart;
    private LocalDate licenceEnd;
    private long feeMinor;
    private long guaranteeMinor;
    private BigDecimal royaltyRate;
    private LocalDate transferredOn;
    private BigDecimal cumulativeBase = BigDecimal.ZERO;
    private long cumulativeRoyaltyMinor;
    /** Royalties within the guarantee billed before the transfer (held in the contract liability). */
    private long guaranteeBilledBeforeTransfer;
    /** Royalties beyond the guarantee billed before the transfer (held in the contract liability). */
    private long excessBeforeTransfer;
    private boolean guaranteeSettled;
    private long receivableMinor;
    private final ProcessedRequests processed = new ProcessedRequests();

    protected Licence() {
    }

    public record LicenceResult(String licenceId, String requestId, List<String> entryIds, boolean alreadyApplied) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public LicenceResult handle(GrantLicence c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("grant", c.customerId(), c.currency(), c.contractType(), c.signedOn(),
                c.licenceStart(), c.licenceEnd(), c.fixedFee(), c.minimumGuarantee(), c.royaltyRate(),
                c.licencePredominant(), c.description());
        if (processed.isRetry(c.licenceId(), hash, "licenceId")) {
            return new LicenceResult(c.licenceId(), c.licenceId(), List.of(), true);
        }
        if (licenceId != null) {
            throw LedgerRejection.of(RejectionCode.IDEMPOTENCY_KEY_REUSED, "licenceId", "licence " + c.licenceId()
                    + " was already granted with other terms");
        }
        Violations v = new Violations();
        RequestChecks.id(v, "licenceId", c.licenceId());
        RequestChecks.id(v, "customerId", c.customerId());
        Currency cur = RequestChecks.currency(v, "currency", c.currency());
        boolean dates = RequestChecks.date(v, "signedOn", c.signedOn()) & RequestChecks.date(v, "licenceStart", c.licenceStart())
                & RequestChecks.date(v, "licenceEnd", c.licenceEnd());
        if (dates && c.licenceEnd().isBefore(c.licenceStart())) {
            v.add(RejectionCode.CONTRACT_TERMS_INVALID, "licenceEnd", "the licence ends before it starts (" + c.licenceStart() + ")");
        }
        if (c.description() != null) {
            RequestChecks.text(v, "description", c.description(), 200);
        }
        if (c.contractType() == null) {
            v.add(RejectionCode.CONTRACT_TERMS_INVALID, "contractType", "give FUNCTIONAL_IP_LICENCE (or SERVICE_ACCESS, which is refused: it is not a licence)");
        } else if (c.contractType() == ContractType.SERVICE_ACCESS) {
            v.add(RejectionCode.NOT_A_LICENCE, "contractType", "service access (an API, SaaS) is not a licence of IP: "
                    + "sign it as a contract (POST /api/v1/contracts) or bill it as usage; licence revenue at a point in "
                    + "time and the royalty exception do not apply");
        }
        long fee = c.fixedFee() == null ? 0 : amountOrZero(v, "fixedFee", c.fixedFee(), cur);
        long guarantee = c.minimumGuarantee() == null ? 0 : amountOrZero(v, "minimumGuarantee", c.minimumGuarantee(), cur);
        boolean royalties = c.royaltyRate() != null || guarantee > 0;
        if (c.royaltyRate() != null) {
            RequestChecks.rate(v, RejectionCode.CONTRACT_TERMS_INVALID, "royaltyRate", c.royaltyRate(), false, true);
        } else if (guarantee > 0) {
            v.add(RejectionCode.CONTRACT_TERMS_INVALID, "royaltyRate", "a minimum guarantee guarantees royalties: give the rate");
        }
        if (royalties && c.contractType() == ContractType.FUNCTIONAL_IP_LICENCE && !Boolean.TRUE.equals(c.licencePredominant())) {
            v.add(RejectionCode.ROYALTY_EXCEPTION_NOT_APPLICABLE, "licencePredominant", c.licencePredominant() == null
                    ? "say whether the licence is the sole or predominant item the royalty relates to"
                    : "the licence is not the predominant item: the royalty is variable consideration to estimate and "
                    + "constrain (606-10-32-5 to 32-14), which this ledger does not do for licences; refused rather than "
                    + "recognised as reported");
        }
        if (fee == 0 && !royalties && v.isEmpty()) {
            v.add(RejectionCode.CONTRACT_TERMS_INVALID, "fixedFee", "a licence has a fixed fee, royalties, or both");
        }
        v.throwIfAny();
        PostedEntry entry = new PairedEntry(chart, c.customerId(), c.licenceId(), cur)
                .pair(AccountRole.ACCOUNTS_RECEIVABLE, AccountRole.DEFERRED_REVENUE_LICENCES, fee, "licence")
                .entry(LicenceIds.entryId(c.licenceId(), c.licenceId()), c.signedOn(), "Licence " + c.licenceId()
                        + " granted: fixed fee invoiced", null, POLICY_VERSION, calendar);
        apply(new LicenceGranted(c.licenceId(), c.customerId(), cur.getCurrencyCode(), c.contractType(), c.signedOn(),
                c.licenceStart(), c.licenceEnd(), fee, guarantee, c.royaltyRate(), Boolean.TRUE.equals(c.licencePredominant()),
                c.description(), POLICY_VERSION, entry, hash));
        return result(c.licenceId(), entry);
    }

    @CommandHandler
    public LicenceResult handle(TransferLicence c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("transfer", c.transferredOn());
        if (processed.isRetry(c.requestId(), hash, "requestId")) {
            return new LicenceResult(licenceId, c.requestId(), List.of(), true);
        }
        Violations v = new Violations();
        RequestChecks.id(v, "requestId", c.requestId());
        RequestChecks.date(v, "transferredOn", c.transferredOn());
        v.throwIfAny();
        if (transferredOn != null) {
            throw LedgerRejection.of(RejectionCode.LICENCE_ALREADY_TRANSFERRED, "transferredOn", "licence " + licenceId
                    + " was transferred on " + transferredOn);
        }
        if (c.transferredOn().isBefore(licenceStart) || c.transferredOn().isBefore(signedOn)) {
            throw LedgerRejection.of(RejectionCode.LICENCE_NOT_YET_USABLE, "transferredOn", "the customer can use the "
                    + "licence from " + licenceStart + " (signed " + signedOn + "); revenue is not recognised before (606-10-55-58(c))");
        }
        PairedEntry p = postings(chart);
        p.pair(AccountRole.DEFERRED_REVENUE_LICENCES, AccountRole.LICENCE_REVENUE, feeMinor + guaranteeBilledBeforeTransfer, "licence");
        p.pair(AccountRole.CONTRACT_ASSET, AccountRole.LICENCE_REVENUE, guaranteeMinor - guaranteeBilledBeforeTransfer, "licence");
        p.pair(AccountRole.DEFERRED_REVENUE_LICENCES, AccountRole.ROYALTY_REVENUE, excessBeforeTransfer, "royalty");
        PostedEntry entry = entry(p, c.requestId(), c.transferredOn(), "Licence " + licenceId + " transferred", calendar);
        apply(new LicenceTransferred(licenceId, c.requestId(), c.transferredOn(), feeMinor + guaranteeMinor,
                excessBeforeTransfer, entry, hash));
        return result(c.requestId(), entry);
    }

    @CommandHandler
    public LicenceResult handle(ReportRoyalties c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("royalties", c.usageThrough(), c.salesOrUsage());
        if (processed.isRetry(c.reportId(), hash, "reportId")) {
            return new LicenceResult(licenceId, c.reportId(), List.of(), true);
        }
        Violations v = new Violations();
        RequestChecks.id(v, "reportId", c.reportId());
        RequestChecks.date(v, "usageThrough", c.usageThrough());
        RequestChecks.exactAmount(v, RejectionCode.NON_POSITIVE_AMOUNT, "salesOrUsage", c.salesOrUsage(), false);
        v.throwIfAny();
        if (royaltyRate == null) {
            throw LedgerRejection.of(RejectionCode.CONTRACT_TERMS_INVALID, "reportId", "licence " + licenceId
                    + " has no royalty rate");
        }
        if (c.usageThrough().isBefore(licenceStart)) {
            throw LedgerRejection.of(RejectionCode.LICENCE_NOT_YET_USABLE, "usageThrough", "no usage can precede the "
                    + "licence period, which starts " + licenceStart);
        }
        BigDecimal base = cumulativeBase.add(c.salesOrUsage());
        if (base.compareTo(Limits.MAX_LIFETIME_MAJOR) >= 0) {
            throw LedgerRejection.of(RejectionCode.AMOUNT_OUT_OF_RANGE, "salesOrUsage", "the licence's cumulative sales "
                    + "or usage would reach " + Limits.MAX_LIFETIME_MAJOR.toPlainString());
        }
        // cumulative catch-up (brief §1): round the cumulative royalty, post the difference
        long cumulative = base.multiply(royaltyRate).movePointRight(Money.fractionDigits(currency))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
        long royalty = cumulative - cumulativeRoyaltyMinor;
        long within = Math.min(cumulative, guaranteeMinor) - Math.min(cumulativeRoyaltyMinor, guaranteeMinor);
        long excess = royalty - within;
        // once the shortfall was billed, royalties within the guarantee are already paid for
        long billedWithin = guaranteeSettled ? 0 : within;
        boolean deferred = transferredOn == null;
        PairedEntry p = postings(chart);
        if (deferred) {
            p.pair(AccountRole.ACCOUNTS_RECEIVABLE, AccountRole.DEFERRED_REVENUE_LICENCES, billedWithin + excess, "royalty");
        } else {
            p.pair(AccountRole.ACCOUNTS_RECEIVABLE, AccountRole.CONTRACT_ASSET, billedWithin, "royalty");
            p.pair(AccountRole.ACCOUNTS_RECEIVABLE, AccountRole.ROYALTY_REVENUE, excess, "royalty");
        }
        PostedEntry entry = entry(p, c.reportId(), c.usageThrough(), "Royalties of licence " + licenceId + " on "
                + c.salesOrUsage().toPlainString() + " of sales or usage through " + c.usageThrough(), calendar);
        apply(new RoyaltiesReported(licenceId, c.reportId(), c.usageThrough(), c.salesOrUsage(), base, royalty,
                cumulative, within, excess, billedWithin + excess, deferred, entry, hash));
        return result(c.reportId(), entry);
    }

    @CommandHandler
    public LicenceResult handle(SettleMinimumGuarantee c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("settle", c.effectiveDate());
        if (processed.isRetry(c.requestId(), hash, "requestId")) {
            return new LicenceResult(licenceId, c.requestId(), List.of(), true);
        }
        Violations v = new Violations();
        RequestChecks.id(v, "requestId", c.requestId());
        RequestChecks.date(v, "effectiveDate", c.effectiveDate());
        v.throwIfAny();
        if (guaranteeSettled) {
            throw LedgerRejection.of(RejectionCode.GUARANTEE_ALREADY_SETTLED, "requestId", "the minimum guarantee of "
                    + "licence " + licenceId + " was settled");
        }
        if (transferredOn == null) {
            throw LedgerRejection.of(RejectionCode.LICENCE_NOT_TRANSFERRED, "licenceId", "licence " + licenceId
                    + " has not been transferred: its guarantee has not been recognised");
        }
        if (c.effectiveDate().isBefore(licenceEnd)) {
            throw LedgerRejection.of(RejectionCode.LICENCE_TERM_NOT_ENDED, "effectiveDate", "the licence term ends "
                    + licenceEnd + "; settle the guarantee then or later");
        }
        long shortfall = guaranteeMinor - Math.min(cumulativeRoyaltyMinor, guaranteeMinor);
        PairedEntry p = postings(chart);
        p.pair(AccountRole.ACCOUNTS_RECEIVABLE, AccountRole.CONTRACT_ASSET, shortfall, "licence");
        PostedEntry entry = entry(p, c.requestId(), c.effectiveDate(), "Minimum guarantee of licence " + licenceId
                + " settled: shortfall " + Money.ofMinor(shortfall, currency), calendar);
        apply(new MinimumGuaranteeSettled(licenceId, c.requestId(), c.effectiveDate(), guaranteeMinor,
                cumulativeRoyaltyMinor, shortfall, entry, hash));
        return result(c.requestId(), entry);
    }

    @CommandHandler
    public LicenceResult handle(RecordLicencePayment c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("payment", c.paidOn(), c.amount());
        if (processed.isRetry(c.paymentId(), hash, "paymentId")) {
            return new LicenceResult(licenceId, c.paymentId(), List.of(), true);
        }
        long amount = Payments.amountToPay(c.paymentId(), c.paidOn(), c.amount(), receivableMinor, currency,
                "licence " + licenceId);
        PairedEntry p = postings(chart);
        p.pair(AccountRole.CASH, AccountRole.ACCOUNTS_RECEIVABLE, amount, null);
        PostedEntry entry = entry(p, c.paymentId(), c.paidOn(), "Payment for licence " + licenceId, calendar);
        apply(new LicencePaymentReceived(licenceId, c.paymentId(), c.paidOn(), amount, entry, hash));
        return result(c.paymentId(), entry);
    }

    // --- state, as the events say ----------------------------------------------------------------------------

    @EventSourcingHandler
    void on(LicenceGranted e) {
        id = LicenceIds.aggregateId(e.licenceId());
        licenceId = e.licenceId();
        customerId = e.customerId();
        currency = Currency.getInstance(e.currency());
        signedOn = e.signedOn();
        licenceStart = e.licenceStart();
        licenceEnd = e.licenceEnd();
        feeMinor = e.fixedFeeMinor();
        guaranteeMinor = e.minimumGuaranteeMinor();
        royaltyRate = e.royaltyRate();
        receivableMinor = e.fixedFeeMinor();
        processed.record(e.licenceId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(LicenceTransferred e) {
        transferredOn = e.transferredOn();
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(RoyaltiesReported e) {
        cumulativeBase = e.cumulativeBase();
        cumulativeRoyaltyMinor = e.cumulativeRoyaltyMinor();
        if (e.deferredUntilTransfer()) {
            guaranteeBilledBeforeTransfer += e.invoicedMinor() - e.excessMinor();
            excessBeforeTransfer += e.excessMinor();
        }
        receivableMinor += e.invoicedMinor();
        processed.record(e.reportId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(MinimumGuaranteeSettled e) {
        guaranteeSettled = true;
        receivableMinor += e.shortfallMinor();
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(LicencePaymentReceived e) {
        receivableMinor -= e.amountMinor();
        processed.record(e.paymentId(), e.inputHash());
    }

    private LicenceResult result(String requestId, PostedEntry entry) {
        return new LicenceResult(licenceId, requestId, entry == null ? List.of() : List.of(entry.entryId()), false);
    }

    private static long amountOrZero(Violations v, String field, BigDecimal amount, Currency currency) {
        if (amount.signum() == 0) {
            return 0;
        }
        long minor = RequestChecks.amount(v, field, amount, currency);
        return Math.max(minor, 0);
    }

    private PairedEntry postings(ChartOfAccounts chart) {
        return new PairedEntry(chart, customerId, licenceId, currency);
    }

    private PostedEntry entry(PairedEntry p, String requestId, LocalDate date, String memo, PeriodCalendar calendar) {
        return p.entry(LicenceIds.entryId(licenceId, requestId), date, memo, null, POLICY_VERSION, calendar);
    }
}
