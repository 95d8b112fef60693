package dev.tokenledger.adapters.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.exports.AccountingPolicyDocument;
import dev.tokenledger.exports.AuditPackageWriter;
import dev.tokenledger.projections.contracts.ContractReports;
import dev.tokenledger.projections.credits.CreditReports;
import dev.tokenledger.projections.credits.Rollforward;
import dev.tokenledger.projections.reports.FinancialStatements;
import dev.tokenledger.projections.reports.GeneralLedgerLine;
import dev.tokenledger.projections.reports.LedgerReports;
import dev.tokenledger.projections.usage.UsageReports;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The auditor's package for a range of periods (README "The auditor's package"), as the books stand now or as they
 * stood at an earlier recorded instant: every report as CSV and as a sheet of one workbook, the policy document, the
 * seals and the verification, and a manifest of SHA-256 digests. It reads one consistent snapshot of the read models
 * and streams the long reports (journal, general-ledger detail) to disk.
 */
@Service
public class AuditPackageService {

    private final LedgerReports ledger;
    private final CreditReports credits;
    private final UsageReports usage;
    private final ContractReports contracts;
    private final FinancialStatements statements;
    private final JournalVerifier verifier;
    private final ChartOfAccounts chart;
    private final ObjectMapper json;
    private final dev.tokenledger.usage.PricingCatalogBook catalog;
    private final TransactionTemplate snapshot;
    private final AccountingPolicyDocument.Settings settings;

    public AuditPackageService(LedgerReports ledger, CreditReports credits, UsageReports usage, ContractReports contracts,
                               FinancialStatements statements, JournalVerifier verifier, ChartOfAccounts chart,
                               ObjectMapper json, dev.tokenledger.usage.PricingCatalogBook catalog,
                               PlatformTransactionManager transactions,
                               @Value("${ledger.reporting-zone:UTC}") String zone,
                               @Value("${ledger.credits.auto-expiry.enabled:true}") boolean autoExpiry,
                               @Value("${ledger.credits.auto-expiry.grace-days:3}") int graceDays) {
        this.ledger = ledger;
        this.credits = credits;
        this.usage = usage;
        this.contracts = contracts;
        this.statements = statements;
        this.verifier = verifier;
        this.chart = chart;
        this.json = json;
        this.catalog = catalog;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.settings = new AccountingPolicyDocument.Settings(zone, autoExpiry, graceDays);
    }

    /** What was written: the directory, its manifest, and how many GL lines the detail holds. */
    public record Produced(Path directory, Path manifest, long lines, long entries, String verification) {
    }

    public Produced build(YearMonth from, YearMonth to, Instant knownAt, Path directory, Consumer<String> progress) {
        return snapshot.execute(tx -> {
            try {
                return write(from, to, knownAt, directory, progress);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Produced write(YearMonth from, YearMonth to, Instant knownAt, Path directory, Consumer<String> progress)
            throws IOException {
        LocalDate start = from.atDay(1);
        LocalDate end = to.atEndOfMonth();
        long[] lines = {0};
        long[] entries = {0};
        String verification;
        try (AuditPackageWriter out = new AuditPackageWriter(directory)) {
            progress.accept("trial balance");
            out.begin("trial-balance", List.of("account", "name", "type", "erp_code", "currency", "opening_debit",
                    "opening_credit", "period_debits", "period_credits", "closing_debit", "closing_credit"));
            Map<List<String>, BigDecimal[]> opening = ledger.balancesBefore(start, knownAt);
            Map<List<String>, BigDecimal[]> through = ledger.balancesBefore(end.plusDays(1), knownAt);
            for (Map.Entry<List<String>, BigDecimal[]> row : through.entrySet()) {
                BigDecimal[] o = opening.getOrDefault(row.getKey(), new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
                BigDecimal[] c = row.getValue();
                Account a = chart.account(row.getKey().get(0)).orElse(null);
                BigDecimal openNet = scale(o[0].subtract(o[1]), c[0]);
                BigDecimal closeNet = c[0].subtract(c[1]);
                out.row(row.getKey().get(0), a == null ? "" : a.name(), a == null ? "" : a.type().name(),
                        a == null ? "" : a.erpCode(), row.getKey().get(1), openNet.max(zero(c[0])), openNet.negate().max(zero(c[0])),
                        c[0].subtract(o[0]), c[1].subtract(o[1]), closeNet.max(zero(c[0])), closeNet.negate().max(zero(c[0])));
            }

            progress.accept("journal");
            out.begin("journal", List.of("entry_id", "kind", "effective_date", "posting_date", "prior_period", "memo",
                    "reason", "policy_version", "reverses", "source_event", "recorded_at", "event_position", "chain_seq",
                    "content_sha256", "chain_sha256"));
            ledger.forEachEntry(start, end, knownAt, e -> {
                entries[0]++;
                out.row(e.entryId(), e.kind(), e.effectiveDate(), e.postingDate(), e.priorPeriod(), e.memo(), e.reason(),
                        e.policyVersion(), e.reversesEntryId(), e.sourceEventType(), e.recordedAt(), e.globalIndex(),
                        e.chainSeq(), e.contentHash(), e.chainHash());
            });

            progress.accept("general-ledger detail");
            out.begin("general-ledger", List.of("account", "currency", "posting_date", "entry_id", "line", "effective_date",
                    "debit", "credit", "running_balance", "memo", "reason", "customer", "contract", "credit_pool", "model",
                    "feature", "product", "recorded_at"));
            String[] current = {null};
            BigDecimal[] running = {BigDecimal.ZERO};
            ledger.forEachLineByAccount(start, end, knownAt, (GeneralLedgerLine l) -> {
                String key = l.accountCode() + "|" + l.currency();
                if (!key.equals(current[0])) {
                    current[0] = key;
                    BigDecimal[] o = opening.get(List.of(l.accountCode(), l.currency()));
                    running[0] = o == null ? BigDecimal.ZERO.setScale(l.amount().scale()) : o[0].subtract(o[1]);
                    out.row(l.accountCode(), l.currency(), start, "opening balance", null, null, null, null, running[0],
                            null, null, null, null, null, null, null, null, null);
                }
                boolean debit = "DEBIT".equals(l.side());
                running[0] = debit ? running[0].add(l.amount()) : running[0].subtract(l.amount());
                out.row(l.accountCode(), l.currency(), l.postingDate(), l.entryId(), l.lineNo(), l.effectiveDate(),
                        debit ? l.amount() : null, debit ? null : l.amount(), running[0], l.memo(), l.reason(), l.customer(),
                        l.contract(), l.creditPool(), l.model(), l.feature(), l.product(), l.recordedAt());
                if (++lines[0] % 50_000 == 0) {
                    progress.accept(String.format("general-ledger detail: %,d lines", lines[0]));
                }
            });

            progress.accept("rollforward, usage ties, contracts, statements");
            out.begin("deferred-revenue-rollforward", List.of("currency", "period", "account", "customer", "contract",
                    "obligation", "program", "pool", "opening", "additions", "transfers", "usage_revenue", "contract_revenue",
                    "breakage", "escheat", "refunds", "adjustments", "closing", "revenue_from_opening", "closing_per_gl",
                    "ties_to_gl"));
            for (String currency : currencies(through)) {
                Rollforward r = credits.rollforward(from, to, null, currency, "all");
                for (Rollforward.Period p : r.periods()) {
                    for (Rollforward.Row row : p.rows()) {
                        out.row(currency, p.period(), row.account(), row.customer(), row.contract(), row.obligation(),
                                row.program(), row.pool(), row.opening(), row.additions(), row.transfers(), row.usageRevenue(),
                                row.contractRevenue(), row.breakage(), row.escheat(), row.refunds(), row.adjustments(),
                                row.closing(), row.revenueFromOpeningBalance(), null, null);
                    }
                    Rollforward.Row t = p.total();
                    out.row(currency, p.period(), "TOTAL", null, null, null, null, null, t.opening(), t.additions(),
                            t.transfers(), t.usageRevenue(), t.contractRevenue(), t.breakage(), t.escheat(), t.refunds(),
                            t.adjustments(), t.closing(), t.revenueFromOpeningBalance(), p.closingPerGeneralLedger(),
                            p.tiesToGeneralLedger());
                }
            }

            out.begin("usage-ties", List.of("period", "currency", "usage_revenue", "gl_revenue", "usage_cost", "gl_cost",
                    "infrastructure", "gl_infrastructure", "ties"));
            for (UsageReports.Tie t : usage.ties(from, to)) {
                out.row(t.period(), t.currency(), t.usageRevenue(), t.glRevenue(), t.usageCost(), t.glCost(),
                        t.infrastructure(), t.glInfrastructure(), t.ties());
            }

            out.begin("ssp-allocations", List.of("contract", "decided_by", "decided_on", "obligation", "ssp", "ssp_version",
                    "method", "unit", "unit_price", "range_low", "range_high", "quantity", "standalone_selling_price",
                    "relative_share", "group", "group_discount", "allocated", "evidence", "evidence_as_of"));
            for (ContractReports.ContractSummary c : contracts.contracts(null)) {
                contracts.allocation(c.contractId()).ifPresent(a -> a.decisions().forEach(d -> d.lines().forEach(l ->
                        out.row(c.contractId(), d.decidedBy(), d.decidedOn(), l.obligationId(), l.sspId(), l.sspVersion(),
                                l.method(), l.unit(), l.unitPrice(), l.rangeLow(), l.rangeHigh(), l.quantity(),
                                l.standaloneSellingPrice(), l.relativeShare(), l.group(), l.groupDiscount(), l.allocated(),
                                l.evidence(), l.evidenceAsOf()))));
            }

            ContractReports.Waterfall waterfall = contracts.waterfall(end, knownAt, 24, "obligation", null, null);
            List<String> columns = new ArrayList<>(List.of("contract", "customer", "obligation", "kind", "pattern", "currency"));
            columns.addAll(waterfall.months());
            columns.addAll(List.of("later", "unscheduled", "total"));
            out.begin("revenue-waterfall", columns);
            for (ContractReports.WaterfallRow w : waterfall.rows()) {
                List<Object> cells = new ArrayList<>(List.of(w.contractId(), w.customerId(), w.obligationId(), w.kind(), w.pattern(), w.currency()));
                cells.addAll(w.months().values());
                cells.addAll(List.of(w.later(), w.unscheduled(), w.total()));
                out.row(cells.toArray());
            }

            out.begin("contract-balances", List.of("contract", "customer", "currency", "receivable", "contract_asset",
                    "contract_liability", "prepaid_credits", "net_position", "presented_as"));
            for (ContractReports.BalanceRow b : contracts.balances(end, null).rows()) {
                out.row(b.contractId(), b.customerId(), b.currency(), b.receivable(), b.contractAsset(),
                        b.contractLiability(), b.prepaidCredits(), b.netPosition(), b.presentedAs());
            }

            FinancialStatements.IncomeStatement income = statements.incomeStatement(start, end, null, null, knownAt);
            out.begin("income-statement", List.of("section", "account", "name", "currency", "amount", "comparative"));
            income.lines().forEach(l -> out.row(l.section(), l.account(), l.accountName(), l.currency(), l.amount(), l.comparative()));
            income.totals().forEach(t -> out.row("TOTAL", null, t.label(), t.currency(), t.amount(), t.comparative()));
            FinancialStatements.BalanceSheet balance = statements.balanceSheet(end, start.minusDays(1), knownAt);
            out.begin("balance-sheet", List.of("section", "account", "name", "currency", "amount", "comparative"));
            balance.lines().forEach(l -> out.row(l.section(), l.account(), l.accountName(), l.currency(), l.amount(), l.comparative()));
            balance.totals().forEach(t -> out.row("TOTAL", null, t.label(), t.currency(), t.amount(), t.comparative()));

            progress.accept("seals and verification");
            out.begin("checkpoints", List.of("period", "closed_by_request", "through_event_position", "entries",
                    "chain_sha256", "trial_balance_sha256", "liabilities_sha256"));
            verifier.seals().forEach(s -> out.row(s.period(), s.requestId(), s.through(), s.entries(), s.chainHash(),
                    s.trialBalanceDigest(), s.rollforwardDigest()));
            JournalVerifier.Verification verified = verifier.verify(line -> { });
            verification = verified.status();
            out.begin("verification", List.of("status", "events_read", "entries_checked", "problems", "kind", "entry_id",
                    "event_position", "period", "detail"));
            out.row(verified.status(), verified.eventsRead(), verified.entriesChecked(), verified.problemCount(), null, null,
                    null, null, "recomputed head " + verified.recomputedHead());
            verified.problems().forEach(p -> out.row(null, null, null, null, p.kind(), p.entryId(), p.globalIndex(),
                    p.period(), p.detail()));
            out.file("verification.json", json.writerWithDefaultPrettyPrinter().writeValueAsBytes(verified));

            if (knownAt != null) {
                progress.accept("differences since " + knownAt);
                out.begin("differences", List.of("entry_id", "recorded_at", "posting_date", "effective_date", "kind", "memo",
                        "reason", "note"));
                ledger.forEachEntry(start, end, null, e -> {
                    if (e.recordedAt().isAfter(knownAt)) {
                        out.row(e.entryId(), e.recordedAt(), e.postingDate(), e.effectiveDate(), e.kind(), e.memo(),
                                e.reason(), "recorded after " + knownAt);
                    }
                });
            }

            var cards = catalog.current();
            String policies = AccountingPolicyDocument.markdown(chart, credits.programs(), cards.allRateCards(),
                    cards.allCostCards(), contracts.sspTable(), settings, Instant.now());
            out.file("accounting-policies.md", policies.getBytes(StandardCharsets.UTF_8));
            out.file("accounting-policies.html", AccountingPolicyDocument.html(policies).getBytes(StandardCharsets.UTF_8));
            out.file("README.txt", ("Auditor's package of the token ledger for " + from + " to " + to
                    + (knownAt == null ? ", as the books stand now" : ", as the books stood at " + knownAt) + ".\n"
                    + "Each report is a CSV file (exact decimals) and a sheet of audit-package.xlsx (numbers shown with two "
                    + "decimals); manifest.csv gives the size and SHA-256 of every file. checkpoints.csv lists the seal of "
                    + "every period close; verification.csv says whether the event store still matches them.\n")
                    .getBytes(StandardCharsets.UTF_8));
            progress.accept("workbook and manifest");
            Path manifest = out.finish("audit-package.xlsx");
            return new Produced(directory, manifest, lines[0], entries[0], verification);
        }
    }

    private static List<String> currencies(Map<List<String>, BigDecimal[]> balances) {
        return balances.keySet().stream().map(k -> k.get(1)).distinct().sorted().toList();
    }

    private static BigDecimal scale(BigDecimal value, BigDecimal like) {
        return value.setScale(Math.max(value.scale(), like.scale()));
    }

    private static BigDecimal zero(BigDecimal like) {
        return BigDecimal.ZERO.setScale(like.scale());
    }
}
