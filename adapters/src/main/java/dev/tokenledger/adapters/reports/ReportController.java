package dev.tokenledger.adapters.reports;

import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.adapters.projections.ProjectionAdminController;
import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.projections.reports.AccountBalanceRow;
import dev.tokenledger.projections.reports.AuditTrail;
import dev.tokenledger.projections.reports.GeneralLedgerPage;
import dev.tokenledger.projections.reports.GeneralLedgerQuery;
import dev.tokenledger.projections.reports.LedgerReports;
import dev.tokenledger.projections.reports.TrialBalance;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

@RestController
@Tag(name = "Reports", description = "Trial balance, general ledger, balances by dimension, audit trail, chart")
public class ReportController {

    private static final int MAX_PAGE = 5_000;
    private final LedgerReports reports;
    private final ChartOfAccounts chart;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public ReportController(LedgerReports reports, ChartOfAccounts chart, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.reports = reports;
        this.chart = chart;
        this.json = json;
    }

    @GetMapping("/api/v1/reports/trial-balance")
    @Operation(summary = "Trial balance as of a posting date; with knownAt (or knownAtClose), as the ledger knew it then",
            description = "knownAt is an instant; knownAtClose=YYYY-MM takes the instant that period was (last) closed, "
                    + "so an auditor sees the books exactly as they stood at that close.")
    public TrialBalance trialBalance(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = "ISO instant, e.g. 2026-02-01T00:00:00Z")
            @RequestParam(required = false) Instant knownAt,
            @Parameter(description = "a closed period YYYY-MM: the books as they stood when it was closed")
            @RequestParam(required = false) String knownAtClose) {
        if (knownAtClose != null) {
            if (knownAt != null) {
                throw new InvalidParameterException("knownAtClose", "give knownAt or knownAtClose, not both");
            }
            String period = dev.tokenledger.periods.PeriodIds.parse(knownAtClose, "knownAtClose").toString();
            knownAt = reports.periods().stream().filter(p -> p.period().equals(period) && "CLOSED".equals(p.status()))
                    .map(dev.tokenledger.projections.reports.PeriodRow::changedAt).findFirst()
                    .orElseThrow(() -> new InvalidParameterException("knownAtClose", "period " + period + " is not closed"));
        }
        return reports.trialBalance(QueryDates.within("asOf", asOf), dev.tokenledger.adapters.platform.KnownAt.within("knownAt", knownAt));
    }

    @GetMapping("/api/v1/reports/general-ledger")
    @Operation(summary = "General-ledger lines, filtered by account, posting-date range and dimensions")
    public GeneralLedgerPage generalLedger(
            @RequestParam(required = false) String account,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @Parameter(description = "a period YYYY-MM, instead of from/to") @RequestParam(required = false) String period,
            @RequestParam(required = false) String currency,
            @RequestParam(required = false) String customer,
            @RequestParam(required = false) String contract,
            @RequestParam(required = false) String creditPool,
            @RequestParam(required = false) String model,
            @RequestParam(required = false) String feature,
            @RequestParam(required = false) String product,
            @RequestParam(required = false) String entryId,
            @RequestParam(defaultValue = "500") int limit,
            @RequestParam(defaultValue = "0") long offset) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidParameterException("limit", "limit must be 1-" + MAX_PAGE);
        }
        if (offset < 0) {
            throw new InvalidParameterException("offset", "offset must be >= 0");
        }
        if (period != null) {
            var month = dev.tokenledger.periods.PeriodIds.parse(period);
            from = month.atDay(1);
            to = month.atEndOfMonth();
        }
        QueryDates.within("from", from);
        QueryDates.within("to", to);
        return reports.generalLedger(new GeneralLedgerQuery(account, from, to, currency, customer, contract,
                creditPool, model, feature, product, entryId, limit, offset));
    }

    @GetMapping("/api/v1/reports/account-balances")
    @Operation(summary = "Current balances by account, currency and dimension combination, a page at a time "
            + "(limit 1 to 10,000, default 10,000; offset)")
    public List<AccountBalanceRow> accountBalances(@RequestParam(required = false) String account,
                                                   @RequestParam(required = false) String customer,
                                                   @RequestParam(defaultValue = "10000") int limit,
                                                   @RequestParam(defaultValue = "0") long offset) {
        if (limit < 1 || limit > 10_000) {
            throw new dev.tokenledger.adapters.platform.InvalidParameterException("limit", "1 to 10000");
        }
        if (offset < 0) {
            throw new dev.tokenledger.adapters.platform.InvalidParameterException("offset", "0 or more");
        }
        return reports.accountBalances(account, customer, limit, offset);
    }

    @GetMapping("/api/v1/audit-trail/{entryId}")
    @Operation(summary = "For one entry: its lines, the events, commands, principals, correlation ids and policy versions")
    public AuditTrailView auditTrail(@PathVariable String entryId) {
        AuditTrail trail = reports.auditTrail(entryId)
                .orElseThrow(() -> LedgerRejection.of(RejectionCode.ENTRY_NOT_FOUND, "entryId",
                        "no journal entry " + entryId + " (projections may still be catching up)"));
        return new AuditTrailView(trail.entryId(), trail.lines(), trail.steps().stream().map(step -> new StepView(
                step.eventIdentifier(), step.eventType(), step.aggregateIdentifier(), step.sequenceNumber(),
                step.globalIndex(), step.commandName(), step.commandId(), step.principal(), step.correlationId(),
                step.traceId(), step.clientCorrelationId(), step.policyVersion(), step.inputHash(), step.recordedAt(),
                step.event() == null ? null : ProjectionAdminController.StoredEventView.of(step.event(), json))).toList());
    }

    /** The audit trail with each stored event's payload and metadata as JSON objects, exactly as stored. */
    public record AuditTrailView(String entryId, List<dev.tokenledger.projections.reports.GeneralLedgerLine> lines,
                                 List<StepView> steps) {
    }

    public record StepView(String eventIdentifier, String eventType, String aggregateIdentifier, Long sequenceNumber,
                           Long globalIndex, String commandName, String commandId, String principal,
                           String correlationId, String traceId, String clientCorrelationId, String policyVersion,
                           String inputHash, java.time.Instant recordedAt,
                           ProjectionAdminController.StoredEventView event) {
    }

    @GetMapping("/api/v1/accounts")
    @Operation(summary = "The chart of accounts in force")
    public ChartView accounts() {
        return new ChartView(chart.source(), chart.fingerprint(), chart.accounts());
    }

    public record ChartView(String source, String sha256, List<Account> accounts) {
    }
}
