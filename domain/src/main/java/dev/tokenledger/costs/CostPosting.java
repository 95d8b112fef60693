package dev.tokenledger.costs;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.costs.Commands.AllocateInfrastructureCost;
import dev.tokenledger.costs.Commands.RecordVendorInvoice;
import dev.tokenledger.costs.Commands.UsageShare;
import dev.tokenledger.costs.Events.AllocatedShare;
import dev.tokenledger.costs.Events.InfrastructureCostAllocated;
import dev.tokenledger.costs.Events.VendorInvoiceRecorded;
import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.EntryKind;
import dev.tokenledger.kernel.InputFingerprint;
import dev.tokenledger.kernel.Limits;
import dev.tokenledger.kernel.ProcessedRequests;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.money.Allocation;
import dev.tokenledger.money.Money;
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
        RequestChecks.id(v, "invoiceId", c.invoiceId());
        RequestChecks.id(v, "vendor", c.vendor());
        RequestChecks.date(v, "effectiveDate", c.effectiveDate());
        RequestChecks.text(v, "memo", c.memo(), Limits.MAX_TEXT);
        Currency currency = RequestChecks.currency(v, "currency", c.currency());
        long amount = RequestChecks.amount(v, "amount", c.amount(), currency);
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
        RequestChecks.id(v, "allocationId", c.allocationId());
        RequestChecks.id(v, "vendor", c.vendor());
        YearMonth period = RequestChecks.month(v, "period", c.period());
        Currency currency = RequestChecks.currency(v, "currency", c.currency());
        long amount = RequestChecks.amount(v, "amount", c.amount(), currency);
        checkBasis(v, basis, c.period());
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

    /** Shares of a customer and model, each once, with tokens >= 0 and some tokens in all. */
    private static void checkBasis(Violations v, List<UsageShare> basis, String period) {
        if (!RequestChecks.size(v, RejectionCode.ALLOCATION_BASIS_EMPTY, "basis", basis, 1, Limits.MAX_ALLOCATION_SHARES)) {
            return;
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < basis.size(); i++) {
            UsageShare s = basis.get(i);
            String at = "basis[" + i + "]";
            if (s == null) {
                v.add(RejectionCode.ALLOCATION_BASIS_EMPTY, at, "every share needs a customer, a model and tokens >= 0");
                continue;
            }
            boolean named = RequestChecks.id(v, at + ".customerId", s.customerId()) & RequestChecks.name(v, at + ".model", s.model());
            if (s.tokens() < 0) {
                v.add(RejectionCode.ALLOCATION_BASIS_EMPTY, at + ".tokens", "tokens are zero or more");
            }
            if (named && !seen.add(s.customerId() + "|" + s.model())) {
                v.add(RejectionCode.ALLOCATION_BASIS_EMPTY, at, "customer " + s.customerId() + " and model " + s.model()
                        + " are listed twice");
            }
        }
        if (basis.stream().noneMatch(s -> s != null && s.tokens() > 0)) {
            v.add(RejectionCode.ALLOCATION_BASIS_EMPTY, "basis", "no tokens were used in " + period);
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
