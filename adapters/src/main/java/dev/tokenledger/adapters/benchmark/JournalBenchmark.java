package dev.tokenledger.adapters.benchmark;

import dev.tokenledger.adapters.journal.CommandBatches;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.adapters.projections.ProjectionRebuilder;
import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.JournalLineRequest;
import dev.tokenledger.journal.PostJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.projections.reports.LedgerReports;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@code --benchmark-journal=N [--benchmark-batch=500]}: posts N random balanced entries through the real command
 * path (command gateway, aggregate, period lock, JDBC event store), waits for the projections, then rebuilds every
 * projection from the event store, and prints entries/s for each phase. Use an empty database.
 */
@Component
@Order(5)
public class JournalBenchmark implements ApplicationRunner {

    private final CommandBatches batches;
    private final ProjectionMonitor monitor;
    private final ProjectionRebuilder rebuilder;
    private final ChartOfAccounts chart;
    private final LedgerReports reports;
    private final ApplicationContext context;
    private final org.jooq.DSLContext db;

    public JournalBenchmark(CommandBatches batches, ProjectionMonitor monitor, ProjectionRebuilder rebuilder,
                            ChartOfAccounts chart, LedgerReports reports, ApplicationContext context,
                            org.jooq.DSLContext db) {
        this.db = db;
        this.batches = batches;
        this.monitor = monitor;
        this.rebuilder = rebuilder;
        this.chart = chart;
        this.reports = reports;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.containsOption("benchmark-journal")) {
            return;
        }
        int entries = Integer.parseInt(args.getOptionValues("benchmark-journal").getFirst());
        int batchSize = args.containsOption("benchmark-batch")
                ? Integer.parseInt(args.getOptionValues("benchmark-batch").getFirst()) : 500;
        List<String> accounts = chart.accounts().stream().filter(Account::postable).map(Account::code).toList();
        Random random = new Random(42);
        String run = Long.toString(System.currentTimeMillis(), 36);
        out("posting %,d entries in transactions of %d commands", entries, batchSize);

        long start = System.nanoTime();
        java.time.Instant postingStarted = java.time.Instant.now();
        long lines = 0;
        long nextReport = start + 5_000_000_000L;
        List<PostJournalEntry> batch = new ArrayList<>(batchSize);
        for (int i = 0; i < entries; i++) {
            PostJournalEntry entry = randomEntry("b" + run + "-" + i, accounts, random);
            lines += entry.lines().size();
            batch.add(entry);
            if (batch.size() == batchSize || i == entries - 1) {
                batches.sendAll(batch);
                batch.clear();
            }
            if (System.nanoTime() > nextReport) {
                out("  %,d / %,d entries (%.0f entries/s)", i + 1, entries, (i + 1) / seconds(start));
                nextReport = System.nanoTime() + 5_000_000_000L;
            }
        }
        double postSeconds = seconds(start);
        java.time.Instant midway = postingStarted.plus(Duration.between(postingStarted, java.time.Instant.now()).dividedBy(2));
        monitor.awaitCaughtUp(Duration.ofHours(1));
        double caughtUpSeconds = seconds(start);
        out("POSTING: %,d entries (%,d lines) in %.1f s = %.0f entries/s; projections caught up %.1f s after the start",
                entries, lines, postSeconds, entries / postSeconds, caughtUpSeconds);

        long events = monitor.headPosition() + 1;
        long rebuildStart = System.nanoTime();
        rebuilder.rebuild(Duration.ofHours(1), line -> out("  %s", line));
        double rebuildSeconds = seconds(rebuildStart);
        out("REBUILD: %,d events (%,d entries) in %.1f s = %.0f entries/s", events, entries, rebuildSeconds,
                entries / rebuildSeconds);
        out("trial balance balanced after rebuild: %s", reports.trialBalance(LocalDate.of(2100, 1, 1), null).balanced());
        timeTrialBalances(LocalDate.of(2026, 12, 31), midway);
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    /**
     * The trial balance as of the last day, now and as known midway through the posting, read from the balances by
     * day and recorded hour (README "Reports"), against the same sums over every GL line (how it was read before):
     * each 3 times to warm up, then 20 times; both must agree to the cent.
     */
    private void timeTrialBalances(LocalDate asOf, java.time.Instant knownAt) {
        long lineCount = db.fetchCount(dev.tokenledger.projections.LedgerTables.GlLine.TABLE);
        out("trial balances over %,d GL lines, as of %s; knownAt %s", lineCount, asOf, knownAt);
        for (java.time.Instant known : java.util.Arrays.asList(null, knownAt)) {
            String label = known == null ? "trial balance" : "trial balance with knownAt";
            var summary = reports.trialBalance(asOf, known);
            var scan = scanLines(asOf, known);
            java.util.Map<String, String> fromSummary = new java.util.TreeMap<>();
            summary.rows().forEach(r -> fromSummary.put(r.accountCode() + "|" + r.currency(),
                    r.debits().toPlainString() + "/" + r.credits().toPlainString()));
            out("%s: the summary agrees with the sum of the lines: %s (%d accounts)", label, fromSummary.equals(scan),
                    fromSummary.size());
            double[] after = ReportTimings.medianAndWorst(() -> reports.trialBalance(asOf, known));
            out("%s from the balances by day: median %.1f ms, worst %.1f ms", label, after[0], after[1]);
            double[] before = ReportTimings.medianAndWorst(() -> scanLines(asOf, known));
            out("%s summing every line (before): median %.1f ms, worst %.1f ms", label, before[0], before[1]);
        }
    }

    /** Debits and credits by account and currency summed over the GL lines, as the trial balance did before V22. */
    private java.util.Map<String, String> scanLines(LocalDate asOf, java.time.Instant knownAt) {
        var account = dev.tokenledger.projections.LedgerTables.GlLine.ACCOUNT_CODE;
        var currency = dev.tokenledger.projections.LedgerTables.GlLine.CURRENCY;
        var debit = org.jooq.impl.DSL.sum(dev.tokenledger.projections.LedgerTables.GlLine.DEBIT_MINOR);
        var credit = org.jooq.impl.DSL.sum(dev.tokenledger.projections.LedgerTables.GlLine.CREDIT_MINOR);
        org.jooq.Condition when = dev.tokenledger.projections.LedgerTables.GlLine.POSTING_DATE.le(asOf);
        if (knownAt != null) {
            when = when.and(dev.tokenledger.projections.LedgerTables.GlLine.RECORDED_AT.le(knownAt.atOffset(java.time.ZoneOffset.UTC)));
        }
        java.util.Map<String, String> sums = new java.util.TreeMap<>();
        db.select(account, currency, debit, credit).from(dev.tokenledger.projections.LedgerTables.GlLine.TABLE).where(when)
                .groupBy(account, currency)
                .forEach(r -> sums.put(r.value1() + "|" + r.value2().strip(), BigDecimal.valueOf(r.value3().longValueExact(), 2)
                        .toPlainString() + "/" + BigDecimal.valueOf(r.value4().longValueExact(), 2).toPlainString()));
        return sums;
    }

    private static PostJournalEntry randomEntry(String id, List<String> accounts, Random random) {
        int debitLines = 1 + random.nextInt(2);
        Dimensions dims = new Dimensions("cust-" + random.nextInt(1000), null, null, "model-" + random.nextInt(5),
                null, null);
        List<JournalLineRequest> lines = new ArrayList<>();
        long total = 0;
        for (int d = 0; d < debitLines; d++) {
            long minor = 1 + random.nextInt(1_000_000);
            total += minor;
            lines.add(new JournalLineRequest(accounts.get(random.nextInt(accounts.size())), Side.DEBIT,
                    BigDecimal.valueOf(minor, 2), "USD", dims));
        }
        lines.add(new JournalLineRequest(accounts.get(random.nextInt(accounts.size())), Side.CREDIT,
                BigDecimal.valueOf(total, 2), "USD", dims));
        LocalDate date = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(365));
        return new PostJournalEntry(id, date, null, "benchmark", lines);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void out(String format, Object... args) {
        System.out.println("[benchmark] " + String.format(format, args));
    }
}
