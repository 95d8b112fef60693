package dev.tokenledger.costs;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.costs.Commands.AllocateInfrastructureCost;
import dev.tokenledger.costs.Commands.RecordVendorInvoice;
import dev.tokenledger.costs.Commands.UsageShare;
import dev.tokenledger.costs.Events.AllocatedShare;
import dev.tokenledger.costs.Events.InfrastructureCostAllocated;
import dev.tokenledger.costs.Events.VendorInvoiceRecorded;
import dev.tokenledger.idempotency.ProcessedRequests;
import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.EntryKind;
import dev.tokenledger.journal.EntryRules;
import dev.tokenledger.journal.InputFingerprint;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.money.Allocation;
import dev.tokenledger.money.Money;
import dev.tokenledger.money.MoneyPrecisionException;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One cost document (a vendor invoice, or a month's allocated infrastructure cost) and the entry it posts. */
@AggregateRoot
public class CostPosting {

    static final String POLICY_VERSION = "costs/2026-11";

    @AggregateIdentifier
    private String id;
    private final ProcessedRequests processed = new ProcessedRequests();

    protected CostPosting() {
    }

    public static String aggregateId(String requestId) {
        return "cost:" + requestId;
    }

    public record CostResult(String requestId, String entryId, boolean alreadyApplied) {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CostResult handle(RecordVendorInvoice c, ChartOfAccounts chart, PeriodCalendar calendar) {
        String hash = InputFingerprint.of("vendor-invoice", c.vendor(), c.effectiveDate(), c.amount(), c.currency(), c.memo());
        if (processed.isRetry(c.invoiceId(), hash, "invoiceId")) {
            return new CostResult(c.invoiceId(), aggregateId(c.invoiceId()), true);
        }
        Violations v = new Violations();
        EntryRules.checkId(v, "invoiceId", c.invoiceId());
        EntryRules.checkId(v, "vendor", c.vendor());
        if (c.effectiveDate() == null) {
            v.add(RejectionCode.EFFECTIVE_DATE_REQUIRED, "effectiveDate", "give the invoice date YYYY-MM-DD");
        }
        Currency currency = currency(v, c.currency());
        long amount = amount(v, c.amount(), currency);
        v.throwIfAny();
        Money money = Money.ofMinor(amount, currency);
        Dimensions none = Dimensions.NONE;
        PostedEntry entry = entry(c.invoiceId(), c.effectiveDate(), "Compute invoice " + c.invoiceId() + " from " + c.vendor(),
                List.of(new JournalLine(chart.accountFor(AccountRole.ACCRUED_COMPUTE).code(), Side.DEBIT, money, none),
                        new JournalLine(chart.accountFor(AccountRole.ACCOUNTS_PAYABLE).code(), Side.CREDIT, money, none)),
                calendar);
        apply(new VendorInvoiceRecorded(c.invoiceId(), c.vendor(), c.effectiveDate(), currency.getCurrencyCode(), amount, entry, hash));
        return new CostResult(c.invoiceId(), entry.entryId(), false);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CostResult handle(AllocateInfrastructureCost c, ChartOfAccounts chart, PeriodCalendar calendar) {
        List<UsageShare> basis = c.basis() == null ? List.of() : c.basis();
        String hash = InputFingerprint.of("infrastructure", c.vendor(), c.period(), c.amount(), c.currency(),
                String.join(";", basis.stream().map(s -> s.customerId() + "|" + s.model() + "|" + s.tokens()).toList()));
        if (processed.isRetry(c.allocationId(), hash, "allocationId")) {
            return new CostResult(c.allocationId(), aggregateId(c.allocationId()), true);
        }
        Violations v = new Violations();
        EntryRules.checkId(v, "allocationId", c.allocationId());
        EntryRules.checkId(v, "vendor", c.vendor());
        YearMonth period = null;
        try {
            period = c.period() == null ? null : YearMonth.parse(c.period());
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (period == null) {
            v.add(RejectionCode.INVALID_PERIOD, "period", "give the month YYYY-MM the cost belongs to");
        }
        Currency currency = currency(v, c.currency());
        long amount = amount(v, c.amount(), currency);
        if (basis.stream().noneMatch(s -> s.tokens() > 0)) {
            v.add(RejectionCode.ALLOCATION_BASIS_EMPTY, "basis", "no tokens were used in " + c.period());
        } else if (basis.stream().anyMatch(s -> s.tokens() < 0 || s.customerId() == null || s.model() == null)) {
            v.add(RejectionCode.ALLOCATION_BASIS_EMPTY, "basis", "every share needs a customer, a model and tokens >= 0");
        }
        v.throwIfAny();
        long[] split = Allocation.largestRemainder(amount,
                basis.stream().map(s -> BigDecimal.valueOf(s.tokens())).toList());
        List<AllocatedShare> shares = new ArrayList<>();
        List<JournalLine> lines = new ArrayList<>();
        String expense = chart.accountFor(AccountRole.COGS_INFRASTRUCTURE).code();
        for (int i = 0; i < basis.size(); i++) {
            UsageShare s = basis.get(i);
            shares.add(new AllocatedShare(s.customerId(), s.model(), s.tokens(), split[i]));
            if (split[i] > 0) {
                lines.add(new JournalLine(expense, Side.DEBIT, Money.ofMinor(split[i], currency),
                        new Dimensions(s.customerId(), null, null, s.model(), null, null).normalized()));
            }
        }
        lines.add(new JournalLine(chart.accountFor(AccountRole.ACCOUNTS_PAYABLE).code(), Side.CREDIT,
                Money.ofMinor(amount, currency), Dimensions.NONE));
        LocalDate effective = period.atEndOfMonth();
        PostedEntry entry = entry(c.allocationId(), effective, "Infrastructure " + period + " from " + c.vendor()
                + ", allocated by tokens", lines, calendar);
        apply(new InfrastructureCostAllocated(c.allocationId(), c.vendor(), period, effective, currency.getCurrencyCode(),
                amount, shares, entry, hash));
        return new CostResult(c.allocationId(), entry.entryId(), false);
    }

    private static PostedEntry entry(String requestId, LocalDate date, String memo, List<JournalLine> lines,
                                     PeriodCalendar calendar) {
        PeriodCalendar.Routing routing = calendar.route(date);
        return new PostedEntry(aggregateId(requestId), EntryKind.BUSINESS_EVENT, date, routing.postingDate(),
                routing.priorPeriod(), memo, null, POLICY_VERSION, null, lines);
    }

    private static Currency currency(Violations v, String code) {
        try {
            return Currency.getInstance(code == null ? "" : code);
        } catch (IllegalArgumentException e) {
            v.add(RejectionCode.UNKNOWN_CURRENCY, "currency", "unknown currency " + code);
            return null;
        }
    }

    private static long amount(Violations v, BigDecimal amount, Currency currency) {
        if (amount == null || amount.signum() <= 0) {
            v.add(RejectionCode.NON_POSITIVE_AMOUNT, "amount", "must be greater than zero");
            return 0;
        }
        if (currency == null) {
            return 0;
        }
        try {
            return Money.of(amount, currency).minorUnits();
        } catch (MoneyPrecisionException e) {
            v.add(RejectionCode.PRECISION_BEYOND_MINOR_UNIT, "amount", e.getMessage());
            return 0;
        }
    }

    @EventSourcingHandler
    void on(VendorInvoiceRecorded e) {
        id = aggregateId(e.invoiceId());
        processed.record(e.invoiceId(), e.inputHash());
    }

    @EventSourcingHandler
    void on(InfrastructureCostAllocated e) {
        id = aggregateId(e.allocationId());
        processed.record(e.allocationId(), e.inputHash());
    }
}
