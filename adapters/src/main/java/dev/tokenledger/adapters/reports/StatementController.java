package dev.tokenledger.adapters.reports;

import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.projections.reports.FinancialStatements;
import dev.tokenledger.projections.reports.LedgerReports;
import dev.tokenledger.projections.reports.PeriodRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;

/** Income statement, balance sheet and receivables aging (README "Reports"); JSON, or CSV with format=csv. */
@RestController
@Tag(name = "Reports")
public class StatementController {

    private final FinancialStatements statements;
    private final LedgerReports reports;

    public StatementController(FinancialStatements statements, LedgerReports reports) {
        this.statements = statements;
        this.reports = reports;
    }

    @GetMapping("/api/v1/reports/income-statement")
    @Operation(summary = "Income statement for posting dates from..to, with a comparative column (the same number of "
            + "days before, or compareFrom..compareTo); knownAt/knownAtClose: as the books stood then")
    public FinancialStatements.IncomeStatement incomeStatement(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate compareFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate compareTo,
            @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) String knownAtClose) {
        LocalDate f = QueryDates.within("from", from);
        LocalDate t = QueryDates.within("to", to);
        if (t.isBefore(f)) {
            throw new InvalidParameterException("to", "must not be before from");
        }
        if ((compareFrom == null) != (compareTo == null)) {
            throw new InvalidParameterException(compareFrom == null ? "compareFrom" : "compareTo", "give both, or neither");
        }
        return statements.incomeStatement(f, t, compareFrom == null ? null : QueryDates.within("compareFrom", compareFrom),
                compareTo == null ? null : QueryDates.within("compareTo", compareTo), knownAt(knownAt, knownAtClose));
    }

    @GetMapping("/api/v1/reports/balance-sheet")
    @Operation(summary = "Balance sheet at the end of asOf, with a comparative column (compareAsOf, default a year "
            + "earlier); unclosed earnings under equity; balances: assets = liabilities + equity per currency")
    public FinancialStatements.BalanceSheet balanceSheet(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate compareAsOf,
            @RequestParam(required = false) Instant knownAt, @RequestParam(required = false) String knownAtClose) {
        return statements.balanceSheet(QueryDates.within("asOf", asOf),
                compareAsOf == null ? null : QueryDates.within("compareAsOf", compareAsOf), knownAt(knownAt, knownAtClose));
    }

    @GetMapping("/api/v1/reports/receivables-aging")
    @Operation(summary = "Receivables by customer at the end of asOf, aged from due dates (posting date + termsDays): "
            + "current, 1-30, 31-60, 61-90, over 90 days past due")
    public FinancialStatements.ReceivablesAging aging(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(defaultValue = "30") int termsDays) {
        if (termsDays < 0 || termsDays > 365) {
            throw new InvalidParameterException("termsDays", "0 to 365 days");
        }
        return statements.receivablesAging(QueryDates.within("asOf", asOf), termsDays);
    }

    private Instant knownAt(Instant knownAt, String knownAtClose) {
        if (knownAtClose == null) {
            return dev.tokenledger.adapters.platform.KnownAt.within("knownAt", knownAt);
        }
        if (knownAt != null) {
            throw new InvalidParameterException("knownAtClose", "give knownAt or knownAtClose, not both");
        }
        String period = dev.tokenledger.periods.PeriodIds.parse(knownAtClose, "knownAtClose").toString();
        return reports.periods().stream().filter(p -> p.period().equals(period) && "CLOSED".equals(p.status()))
                .map(PeriodRow::changedAt).findFirst()
                .orElseThrow(() -> new InvalidParameterException("knownAtClose", "period " + period + " is not closed"));
    }
}
