package dev.tokenledger.incentives;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.incentives.RebateCommands.AgreeVolumeDiscount;
import dev.tokenledger.incentives.RebateCommands.RecordVolumePayment;
import dev.tokenledger.incentives.RebateCommands.ReportVolumeUsage;
import dev.tokenledger.incentives.RebateCommands.ReviseExpectedVolume;
import dev.tokenledger.incentives.RebateCommands.SettleVolumeYear;
import dev.tokenledger.incentives.RebateEvents.ExpectedVolumeRevised;
import dev.tokenledger.incentives.RebateEvents.VolumeDiscountAgreed;
import dev.tokenledger.incentives.RebateEvents.VolumePaymentReceived;
import dev.tokenledger.incentives.RebateEvents.VolumeUsageReported;
import dev.tokenledger.incentives.RebateEvents.VolumeYearSettled;
import dev.tokenledger.journal.PairedEntry;
import dev.tokenledger.journal.Payments;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.Limits;
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
import java.util.Currency;
import java.util.List;
import java.util.function.Supplier;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A retrospective volume discount over one contract year (README "Volume discounts"): once the year's volume reaches
 * a tier, every unit of the year costs that tier's price. That price is variable consideration (ASC 606-10-32-5 to
 * 32-14): usage is invoiced as reported at the price the volume has reached so far, revenue is recognised at the price
 * of the tier the year is expected to reach (never an expectation below the volume already reached), and what was
 * invoiced above revenue is a refund liability. Revenue to date = round(units to date x expected price), half-up,
 * posted by cumulative catch-up, so a revised expectation moves revenue and the liability by the difference; at the
 * end of the year revenue is trued up to units x the price reached and the rebate is credited to the customer.
 * One aggregate per agreement, "volume:{agreementId}".
 */
@AggregateRoot
public class VolumeRebate {

    public static final String POLICY_VERSION = "volume-discounts/2026-12";

    @AggregateIdentifier
    private String id;
    private String agreementId;
    private String customerId;
    private Currency currency;
    private LocalDate yearStart;
    private LocalDate yearEnd;
    private List<VolumeTier> tiers;
    private BigDecimal expectedVolume;
    private BigDecimal unitsToDate = BigDecimal.ZERO;
    private BigDecimal invoicedExact = BigDecimal.ZERO;
    private long invoicedMinor;
    private long revenueMinor;
    private long receivableMinor;
    private boolean settled;
    private final ProcessedRequests processed = new ProcessedRequests();

    protected VolumeRebate() {
    }

    public static String aggregateId(String agreementId) {
        return "volume:" + agreementId;
    }

    public record RebateResult(String agreementId, String requestId, List<String> entryIds, boolean alreadyApplied) {
    }

    /** The price of the tier a year of {@code volume} units reaches: the last tier whose threshold it meets. */
    static BigDecimal priceAt(List<VolumeTier> tiers, BigDecimal volume) {
        BigDecimal price = tiers.get(0).unitPrice();
        for (VolumeTier t : tiers) {
            if (volume.compareTo(t.fromUnits()) >= 0) {
                price = t.unitPrice();
            }
        }
        return price;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RebateResult handle(AgreeVolumeDiscount c) {
        String hash = InputFingerprint.of("agree", c.customerId(), c.currency(), c.yearStart(), c.yearEnd(), c.unit(),
                c.tiers() == null ? null : c.tiers().stream().map(t -> t == null ? "null"
                        : t.fromUnits() + ":" + t.unitPrice()).toList(), c.expectedVolume(), c.description());
        if (processed.isRetry(c.agreementId(), hash, "agreementId")) {
            return new RebateResult(c.agreementId(), c.agreementId(), List.of(), true);
        }
        if (agreementId != null) {
            throw LedgerRejection.of(RejectionCode.IDEMPOTENCY_KEY_REUSED, "agreementId", "agreement " + c.agreementId()
                    + " was already made with other terms; revise its expected volume instead");
        }
        Violations v = new Violations();
        RequestChecks.id(v, "agreementId", c.agreementId());
        RequestChecks.id(v, "customerId", c.customerId());
        RequestChecks.currency(v, "currency", c.currency());
        if (RequestChecks.date(v, "yearStart", c.yearStart()) & RequestChecks.date(v, "yearEnd", c.yearEnd())
                && (c.yearEnd().isBefore(c.yearStart()) || c.yearEnd().isAfter(c.yearStart().plusYears(1).minusDays(1)))) {
            v.add(RejectionCode.VOLUME_TERMS_INVALID, "yearEnd", "a contract year runs from yearStart for at most a year ("
                    + c.yearStart().plusYears(1).minusDays(1) + ")");
        }
        RequestChecks.unit(v, RejectionCode.VOLUME_TERMS_INVALID, "unit", c.unit());
        if (c.description() != null) {
            RequestChecks.text(v, "description", c.description(), 200);
        }
        checkTiers(v, c.tiers());
        RequestChecks.quantity(v, RejectionCode.VOLUME_TERMS_INVALID, "expectedVolume", c.expectedVolume());
        v.throwIfAny();
        apply(new VolumeDiscountAgreed(c.agreementId(), c.customerId(), c.currency(), c.yearStart(), c.yearEnd(),
                c.unit(), List.copyOf(c.tiers()), c.expectedVolume(), priceAt(c.tiers(), c.expectedVolume()),
                c.description(), POLICY_VERSION, hash));
        return new RebateResult(c.agreementId(), c.agreementId(), List.of(), false);
    }

    private static void checkTiers(Violations v, List<VolumeTier> tiers) {
        if (!RequestChecks.size(v, RejectionCode.VOLUME_TERMS_INVALID, "tiers", tiers, 1, Limits.MAX_TIERS)) {
            return;
        }
        for (int i = 0; i < tiers.size(); i++) {
            VolumeTier t = tiers.get(i);
            String at = "tiers[" + i + "]";
            if (t == null || t.fromUnits() == null || t.unitPrice() == null) {
                v.add(RejectionCode.VOLUME_TERMS_INVALID, at, "give fromUnits and unitPrice");
                return;
            }
            if (i == 0 ? t.fromUnits().signum() != 0 : t.fromUnits().compareTo(tiers.get(i - 1).fromUnits()) <= 0) {
                v.add(RejectionCode.VOLUME_TERMS_INVALID, at + ".fromUnits", i == 0 ? "the first tier starts at 0"
                        : "thresholds increase");
                return;
            }
            if (i > 0) {
                RequestChecks.quantity(v, RejectionCode.VOLUME_TERMS_INVALID, at + ".fromUnits", t.fromUnits());
            }
            if (RequestChecks.exactAmount(v, RejectionCode.VOLUME_TERMS_INVALID, at + ".unitPrice", t.unitPrice(), true)
                    && i > 0 && t.unitPrice().compareTo(tiers.get(i - 1).unitPrice()) > 0) {
                v.add(RejectionCode.VOLUME_TERMS_INVALID, at + ".unitPrice", "a volume discount's prices never rise with "
                        + "volume; " + t.unitPrice().toPlainString() + " is above " + tiers.get(i - 1).unitPrice().toPlainString());
            }
        }
    }

    @CommandHandler
    public RebateResult handle(ReportVolumeUsage c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("usage", c.usageThrough(), c.units());
        return once(c.usageId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "usageId", c.usageId());
            RequestChecks.date(v, "usageThrough", c.usageThrough());
            RequestChecks.quantity(v, RejectionCode.AMOUNT_OUT_OF_RANGE, "units", c.units());
            v.throwIfAny();
            checkOpen("usageThrough", c.usageThrough());
            if (c.usageThrough().isAfter(yearEnd)) {
                throw LedgerRejection.of(RejectionCode.DATED_OUTSIDE_CONTRACT, "usageThrough", c.usageThrough()
                        + " is after the contract year, which ends " + yearEnd);
            }
            BigDecimal units = unitsToDate.add(c.units());
            if (units.compareTo(Limits.MAX_CREDITS) > 0) {
                throw LedgerRejection.of(RejectionCode.AMOUNT_OUT_OF_RANGE, "units", "the year's units would pass "
                        + Limits.MAX_CREDITS.toPlainString());
            }
            // invoiced at the price the year's volume has reached with these units
            BigDecimal billedPrice = priceAt(tiers, units);
            BigDecimal exact = invoicedExact.add(billedPrice.multiply(c.units()));
            // what the year invoices, and its revenue at any tier's price, stay within a wallet's lifetime bound
            if (exact.compareTo(Limits.MAX_LIFETIME_MAJOR) >= 0
                    || units.multiply(tiers.get(0).unitPrice()).compareTo(Limits.MAX_LIFETIME_MAJOR) >= 0) {
                throw LedgerRejection.of(RejectionCode.AMOUNT_OUT_OF_RANGE, "units", "the year's value would reach "
                        + Limits.MAX_LIFETIME_MAJOR.toPlainString() + " " + currency.getCurrencyCode());
            }
            long invoiced = round(exact) - invoicedMinor;
            BigDecimal expected = expectedVolume.max(units);
            BigDecimal expectedPrice = priceAt(tiers, expected);
            long revenueToDate = round(units.multiply(expectedPrice));
            long revenue = revenueToDate - revenueMinor;
            PairedEntry p = postings(chart)
                    .pair(AccountRole.ACCOUNTS_RECEIVABLE, AccountRole.USAGE_REVENUE, Math.min(invoiced, Math.max(revenue, 0)), null)
                    .pair(AccountRole.ACCOUNTS_RECEIVABLE, AccountRole.REFUND_LIABILITY, Math.max(invoiced - Math.max(revenue, 0), 0), null)
                    .signed(AccountRole.REFUND_LIABILITY, AccountRole.USAGE_REVENUE, revenue - Math.min(invoiced, Math.max(revenue, 0)), null);
            PostedEntry entry = entry(p, c.usageId(), c.usageThrough(), plain(c.units()) + " " + unit()
                    + " invoiced at " + billedPrice.toPlainString() + "; revenue at the expected " + expectedPrice.toPlainString(), null, calendar);
            apply(new VolumeUsageReported(agreementId, c.usageId(), c.usageThrough(), c.units(), units, billedPrice,
                    invoiced, expected, expectedPrice, revenue, revenueToDate,
                    invoicedMinor + invoiced - revenueToDate, entry, hash));
            return result(c.usageId(), entry);
        });
    }

    @CommandHandler
    public RebateResult handle(ReviseExpectedVolume c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("revise", c.effectiveDate(), c.expectedVolume(), c.reason());
        return once(c.requestId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "requestId", c.requestId());
            RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            RequestChecks.quantity(v, RejectionCode.VOLUME_TERMS_INVALID, "expectedVolume", c.expectedVolume());
            RequestChecks.reason(v, "reason", c.reason());
            v.throwIfAny();
            checkOpen("effectiveDate", c.effectiveDate());
            if (c.expectedVolume().compareTo(unitsToDate) < 0) {
                throw LedgerRejection.of(RejectionCode.ESTIMATE_OUT_OF_RANGE, "expectedVolume", "the year has already "
                        + "reached " + plain(unitsToDate) + " " + unit() + "; expect at least that");
            }
            BigDecimal expectedPrice = priceAt(tiers, c.expectedVolume());
            long revenueToDate = round(unitsToDate.multiply(expectedPrice));
            long revenue = revenueToDate - revenueMinor;
            PairedEntry p = postings(chart).signed(AccountRole.REFUND_LIABILITY, AccountRole.USAGE_REVENUE, revenue, null);
            PostedEntry entry = entry(p, c.requestId(), c.effectiveDate(), "Expected volume revised from "
                    + plain(expectedVolume) + " to " + plain(c.expectedVolume()) + " " + unit() + ": expected price "
                    + expectedPrice.toPlainString(), c.reason(), calendar);
            apply(new ExpectedVolumeRevised(agreementId, c.requestId(), c.effectiveDate(), expectedVolume,
                    c.expectedVolume(), expectedPrice, revenue, revenueToDate, invoicedMinor - revenueToDate,
                    c.reason(), entry, hash));
            return result(c.requestId(), entry);
        });
    }

    @CommandHandler
    public RebateResult handle(SettleVolumeYear c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("settle", c.effectiveDate());
        return once(c.requestId(), hash, () -> {
            Violations v = new Violations();
            RequestChecks.id(v, "requestId", c.requestId());
            RequestChecks.date(v, "effectiveDate", c.effectiveDate());
            v.throwIfAny();
            checkOpen("effectiveDate", c.effectiveDate());
            if (c.effectiveDate().isBefore(yearEnd)) {
                throw LedgerRejection.of(RejectionCode.VOLUME_YEAR_NOT_ENDED, "effectiveDate", "the contract year ends "
                        + yearEnd + "; settle it then or later");
            }
            BigDecimal finalPrice = priceAt(tiers, unitsToDate);
            long revenueForYear = round(unitsToDate.multiply(finalPrice));
            long revenue = revenueForYear - revenueMinor;
            long rebate = invoicedMinor - revenueForYear;
            PairedEntry p = postings(chart).signed(AccountRole.REFUND_LIABILITY, AccountRole.USAGE_REVENUE, revenue, null)
                    .pair(AccountRole.REFUND_LIABILITY, AccountRole.ACCOUNTS_RECEIVABLE, rebate, null);
            PostedEntry entry = entry(p, c.requestId(), c.effectiveDate(), "Contract year settled: " + plain(unitsToDate)
                    + " " + unit() + " at " + finalPrice.toPlainString() + ", rebate " + Money.ofMinor(rebate, currency)
                    + " credited", null, calendar);
            apply(new VolumeYearSettled(agreementId, c.requestId(), c.effectiveDate(), unitsToDate, finalPrice, revenue,
                    revenueForYear, invoicedMinor, rebate, entry, hash));
            return result(c.requestId(), entry);
        });
    }

    @CommandHandler
    public RebateResult handle(RecordVolumePayment c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("payment", c.paidOn(), c.amount());
        return once(c.paymentId(), hash, () -> {
            long amount = Payments.amountToPay(c.paymentId(), c.paidOn(), c.amount(), receivableMinor, currency,
                    "agreement " + agreementId);
            PairedEntry p = postings(chart).pair(AccountRole.CASH, AccountRole.ACCOUNTS_RECEIVABLE, amount, null);
            PostedEntry entry = entry(p, c.paymentId(), c.paidOn(), "Payment under volume agreement " + agreementId,
                    null, calendar);
            apply(new VolumePaymentReceived(agreementId, c.paymentId(), c.paidOn(), amount, entry, hash));
            return result(c.paymentId(), entry);
        });
    }

    // --- state, as the events say ----------------------------------------------------------------------------

    @EventSourcingHandler
    void on(VolumeDiscountAgreed e) {
        id = aggregateId(e.agreementId());
        agreementId = e.agreementId();
        customerId = e.customerId();
        currency = Currency.getInstance(e.currency());
        yearStart = e.yearStart();
        yearEnd = e.yearEnd();
        tiers = e.tiers();
        expectedVolume = e.expectedVolume();
        unitName = e.unit();
        processed.record(e.agreementId(), e.inputHash());
    }

    private String unitName;

    @EventSourcingHandler
    void on(VolumeUsageReported e) {
        unitsToDate = e.unitsToDate();
        invoicedExact = invoicedExact.add(e.billedPrice().multiply(e.units()));
        invoicedMinor += e.invoicedMinor();
        receivableMinor += e.invoicedMinor();
        revenueMinor = e.revenueToDateMinor();
        processed.record(e.usageId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(ExpectedVolumeRevised e) {
        expectedVolume = e.expectedAfter();
        revenueMinor = e.revenueToDateMinor();
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(VolumeYearSettled e) {
        settled = true;
        revenueMinor = e.revenueForYearMinor();
        receivableMinor -= e.rebateMinor();
        processed.record(e.requestId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(VolumePaymentReceived e) {
        receivableMinor -= e.amountMinor();
        processed.record(e.paymentId(), e.inputHash());
    }

    private RebateResult once(String requestId, String hash, Supplier<RebateResult> command) {
        if (processed.isRetry(requestId, hash, "requestId")) {
            return new RebateResult(agreementId, requestId, List.of(), true);
        }
        return command.get();
    }

    private void checkOpen(String field, LocalDate date) {
        if (settled) {
            throw LedgerRejection.of(RejectionCode.VOLUME_YEAR_SETTLED, field, "the contract year of agreement "
                    + agreementId + " was settled");
        }
        if (date.isBefore(yearStart)) {
            throw LedgerRejection.of(RejectionCode.DATED_OUTSIDE_CONTRACT, field, date + " is before the contract year, "
                    + "which starts " + yearStart);
        }
    }

    private String unit() {
        return unitName;
    }

    private long round(BigDecimal major) {
        return major.movePointRight(Money.fractionDigits(currency)).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String plain(BigDecimal units) {
        return units.stripTrailingZeros().toPlainString();
    }

    private PairedEntry postings(ChartOfAccounts chart) {
        return new PairedEntry(chart, customerId, agreementId, currency);
    }

    private PostedEntry entry(PairedEntry p, String requestId, LocalDate date, String memo, String reason,
                              PeriodCalendar calendar) {
        return p.entry("volume:" + agreementId + ":" + requestId, date, memo, reason, POLICY_VERSION, calendar);
    }

    private RebateResult result(String requestId, PostedEntry entry) {
        return new RebateResult(agreementId, requestId, entry == null ? List.of() : List.of(entry.entryId()), false);
    }
}
