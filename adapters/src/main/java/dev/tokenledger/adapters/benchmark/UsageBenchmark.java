package dev.tokenledger.adapters.benchmark;

import dev.tokenledger.adapters.demo.SyntheticAiCompany;
import dev.tokenledger.adapters.demo.SyntheticAiCompanySetup;
import dev.tokenledger.adapters.usageledger.UsageLedger;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.adapters.usage.UsageFileImport;
import dev.tokenledger.adapters.metrics.MetricsController;
import dev.tokenledger.projections.metrics.MetricsReports;
import dev.tokenledger.projections.usage.UsageReports;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --benchmark-usage=N [--benchmark-customers=1000] [--benchmark-batch=20000]}: sets up the synthetic AI
 * company, writes N usage records as CSV, imports them through the real path (file import, exactly-once ingestion,
 * pricing, wallet draws, postings, COPY into the usage ledger), waits for the projections, checks the ties, then
 * loads the same file into a bare table with PostgreSQL's own COPY, and prints the figures. Use an empty database.
 */
@Component
@Order(6)
public class UsageBenchmark implements ApplicationRunner {

    private final SyntheticAiCompanySetup setup;
    private final UsageFileImport fileImport;
    private final ProjectionMonitor monitor;
    private final UsageReports reports;
    private final UsageLedger ledger;
    private final DSLContext db;
    private final DataSource dataSource;
    private final ApplicationContext context;

    public UsageBenchmark(SyntheticAiCompanySetup setup, UsageFileImport fileImport, ProjectionMonitor monitor,
                          UsageReports reports, UsageLedger ledger, DSLContext db, DataSource dataSource, ApplicationContext context) {
        this.setup = setup;
        this.fileImport = fileImport;
        this.monitor = monitor;
        this.reports = reports;
        this.ledger = ledger;
        this.db = db;
        this.dataSource = dataSource;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!args.containsOption("benchmark-usage")) {
            return;
        }
        long records = Long.parseLong(args.getOptionValues("benchmark-usage").get(0));
        int customers = args.containsOption("benchmark-customers") ? Integer.parseInt(args.getOptionValues("benchmark-customers").get(0)) : 1000;
        int batch = args.containsOption("benchmark-batch") ? Integer.parseInt(args.getOptionValues("benchmark-batch").get(0)) : 20_000;
        Path file = Path.of(args.containsOption("benchmark-file") ? args.getOptionValues("benchmark-file").get(0)
                : "target/usage-benchmark-" + records + ".csv");
        Map<String, Object> figures = new LinkedHashMap<>();
        SyntheticAiCompany company = new SyntheticAiCompany(customers, 42);

        long t0 = System.nanoTime();
        Files.createDirectories(file.toAbsolutePath().getParent());
        long written = company.writeUsage(file, records);
        figures.put("records", written);
        figures.put("customers", customers);
        figures.put("fileMiB", Files.size(file) >> 20);
        figures.put("generateSeconds", seconds(t0));
        t0 = System.nanoTime();
        setup.setUp(company);
        figures.put("setupSeconds", seconds(t0));
        monitor.awaitCaughtUp(Duration.ofMinutes(5));

        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long[] lastCommit = new long[1];
        Map<String, String> threadKinds = new LinkedHashMap<>();
        threadKinds.put("java", "ingestion"); // the thread running this benchmark, as Linux names the JVM's main thread
        threadKinds.put("usage-import-re", "csvReader");
        threadKinds.put("WorkPackage[", "projections");
        threadKinds.put("Coordinator[", "projections");
        threadKinds.put("GC Thread", "garbageCollector");
        threadKinds.put("C1 CompilerThre", "jitCompilers");
        threadKinds.put("C2 CompilerThre", "jitCompilers");
        ThreadCpu threadCpu = new ThreadCpu(threadKinds);
        long jvmCpuAtStart = jvmCpuNanos();
        long[] machineAtStart = machineCpuTicks();
        long start = System.nanoTime();
        int parallel = args.containsOption("benchmark-parallel") ? Integer.parseInt(args.getOptionValues("benchmark-parallel").get(0)) : 1;
        figures.put("parallel", parallel);
        // the collector and JIT options change the figures (BENCHMARKS.md): every run names its own
        figures.put("jvm", System.getProperty("java.vm.version") + " "
                + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        // the second half of the import runs on a warmed-up JVM (the JIT's work is done), as a running server would
        long[] committed = new long[1];
        long[] halfway = new long[2]; // time, records committed then
        UsageFileImport.Summary summary = fileImport.importFile(file, batch, parallel, System.out, true, result -> {
            synchronized (committed) { // with --parallel, batches commit on several threads
                lastCommit[0] = System.nanoTime();
                committed[0] += result.accepted();
                if (halfway[0] == 0 && committed[0] >= written / 2) {
                    halfway[0] = lastCommit[0];
                    halfway[1] = committed[0];
                }
            }
        });
        long imported = System.nanoTime();
        monitor.awaitCaughtUp(Duration.ofHours(2));
        long caughtUp = System.nanoTime();
        cpu(figures, written, (caughtUp - start) / 1e9, jvmCpuNanos() - jvmCpuAtStart, machineAtStart, machineCpuTicks());
        Map<String, Double> byThread = threadCpu.secondsByKind();
        threadCpu.close();
        Map<String, Double> perRecord = new LinkedHashMap<>();
        byThread.forEach((kind, seconds) -> perRecord.put(kind, Math.round(seconds * 1e6 / written * 10) / 10.0));
        figures.put("cpuMicrosPerRecordJvmByThread", perRecord);
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        figures.put("accepted", summary.accepted());
        figures.put("rejected", summary.rejected());
        figures.put("postings", summary.postings());
        figures.put("batchesAssumedNew", summary.batchesAssumedNew()); // ids not looked up first (KeyLookAhead)
        figures.put("batchesAssumedNewThatMetHeldIds", summary.batchesRunTwice());
        figures.put("batchSize", batch);
        figures.put("importSeconds", (imported - start) / 1e9);
        figures.put("endToEndSeconds", (caughtUp - start) / 1e9);
        figures.put("recordsPerSecondEndToEnd", Math.round(written / ((caughtUp - start) / 1e9)));
        if (lastCommit[0] > halfway[0]) {
            figures.put("secondHalfImportRecordsPerSecond",
                    Math.round((committed[0] - halfway[1]) / ((lastCommit[0] - halfway[0]) / 1e9)));
        }
        figures.put("projectionLagAfterLastCommitSeconds", (caughtUp - lastCommit[0]) / 1e9);
        figures.put("peakHeapMiB", peakHeap >> 20);

        YearMonth from = YearMonth.from(SyntheticAiCompany.START);
        YearMonth to = from.plusMonths(12);
        boolean glTies = reports.ties(from, to).stream().allMatch(UsageReports.Tie::ties);
        boolean recordTies = ledger.recordTies(from, to).stream().allMatch(UsageLedger.RecordTie::ties)
                && ledger.recordTies(from, to).equals(ledger.recordTies(from, to, true))
                && ledger.monthlyTotalsNotEqualToBlocks(from, to).isEmpty();
        figures.put("usageLedgerTiesToGL", glTies);
        figures.put("recordsTieToPostings", recordTies);

        long dbBytes = db.fetchOne("SELECT pg_database_size(current_database())").get(0, Long.class);
        long usageBytes = db.fetchOne("SELECT pg_total_relation_size('usage_block') + pg_total_relation_size('usage_key') "
                + "+ pg_total_relation_size('usage_daily') + pg_total_relation_size('usage_month_total')").get(0, Long.class);
        figures.put("usageBlocks", db.fetchCount(DSL.table("usage_block")));
        figures.put("usageBlocksMiB", db.fetchOne("SELECT pg_total_relation_size('usage_block')").get(0, Long.class) >> 20);
        figures.put("usageKeysMiB", db.fetchOne("SELECT pg_total_relation_size('usage_key')").get(0, Long.class) >> 20);
        figures.put("usageDailyMiB", db.fetchOne("SELECT pg_total_relation_size('usage_daily')").get(0, Long.class) >> 20);
        figures.put("databaseMiB", dbBytes >> 20);
        figures.put("databaseMiBPerMillionRecords", Math.round((dbBytes >> 20) / (written / 1e6)));
        figures.put("usageLedgerMiBPerMillionRecords", Math.round((usageBytes >> 20) / (written / 1e6)));
        figures.put("usageLedgerBytesPerRecord", Math.round((double) usageBytes / written));
        figures.put("eventsStored", db.fetchOne("SELECT count(*) FROM domain_event_entry").get(0, Long.class));
        figures.put("glLines", db.fetchOne("SELECT count(*) FROM gl_line").get(0, Long.class));

        lookups(figures);
        metricTimings(figures);
        reportTimings(figures, from, to);

        // PostgreSQL's own COPY of the same file into a bare table, in the same run
        db.execute("DROP TABLE IF EXISTS bench_bare_usage");
        db.execute("CREATE UNLOGGED TABLE bench_bare_usage (id TEXT, customer_id TEXT, end_user_id TEXT, ts TIMESTAMPTZ, "
                + "model TEXT, feature TEXT, provider TEXT, input_tokens BIGINT, output_tokens BIGINT, cached_tokens BIGINT)");
        db.execute("ALTER TABLE bench_bare_usage SET LOGGED");
        long copyStart = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Reader in = Files.newBufferedReader(file)) {
            c.setAutoCommit(true);
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_bare_usage FROM STDIN WITH (FORMAT csv, HEADER true)", in);
        }
        double copySeconds = (System.nanoTime() - copyStart) / 1e9;
        figures.put("copySeconds", copySeconds);
        figures.put("copyRecordsPerSecond", Math.round(written / copySeconds));
        figures.put("ledgerToCopyRatio", Math.round(1000.0 * written / ((caughtUp - start) / 1e9) / (written / copySeconds)) / 1000.0);
        db.execute("DROP TABLE bench_bare_usage");
        storageFloor(written, figures);

        StringBuilder json = new StringBuilder("{\n");
        figures.forEach((k, v) -> json.append("  \"").append(k).append("\": ")
                .append(jsonValue(v)).append(",\n"));
        json.setLength(json.length() - 2);
        json.append("\n}\n");
        System.out.println("[benchmark] " + json.toString().replace("\n", "\n[benchmark] "));
        Files.writeString(Path.of("target/usage-benchmark.json"), json);
        int exit = glTies && recordTies && summary.rejected() == 0 ? 0 : 1;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    /**
     * Where the CPU went from the start of the import until the projections caught up: this JVM (reading, pricing,
     * posting, projections, JIT, GC) and the rest of the machine (PostgreSQL, when it runs here and nothing else
     * does). On Linux; elsewhere only the JVM's share is reported.
     */
    /** A figure as JSON: numbers with three decimals at most, objects of figures, anything else (dates) as a string. */
    private static String jsonValue(Object v) {
        if (v instanceof Double dbl) {
            return String.format(java.util.Locale.ROOT, "%.3f", dbl);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder o = new StringBuilder("{");
            m.forEach((k, x) -> o.append(o.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(jsonValue(x)));
            return o.append('}').toString();
        }
        return '"' + String.valueOf(v).replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void cpu(Map<String, Object> figures, long records, double seconds, long jvmNanos,
                            long[] machineBefore, long[] machineAfter) {
        double jvm = jvmNanos / 1e9;
        figures.put("cpuSecondsJvm", jvm);
        figures.put("cpuMicrosPerRecordJvm", Math.round(jvm * 1e6 / records * 10) / 10.0);
        if (machineBefore != null && machineAfter != null && machineAfter[1] > machineBefore[1]) {
            // /proc/stat counts all cores together: busy share of the interval times cores times seconds
            double busyShare = (double) (machineAfter[0] - machineBefore[0]) / (machineAfter[1] - machineBefore[1]);
            double machine = busyShare * Runtime.getRuntime().availableProcessors() * seconds;
            figures.put("cpuBusyPercentOfMachine", Math.round(busyShare * 1000) / 10.0);
            figures.put("cpuSecondsRestOfMachine", Math.max(0, machine - jvm));
            figures.put("cpuMicrosPerRecordRestOfMachine", Math.round(Math.max(0, machine - jvm) * 1e6 / records * 10) / 10.0);
        }
    }

    private static long jvmCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** Busy and total ticks of all cores from /proc/stat, or null where there is none. */
    private static long[] machineCpuTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[]{total - idle, total};
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * What an auditor waits for at this volume, through the same reads the API uses: one record by its id
     * ({@code /api/v1/usage/records/{id}}), and the first page of one customer's records in a posting
     * ({@code /api/v1/usage/postings/{id}/records}); 200 and 50 picked at random.
     */
    private void lookups(Map<String, Object> figures) {
        List<String> ids = db.fetch("SELECT record_id FROM usage_key ORDER BY random() LIMIT 200")
                .getValues(0, String.class);
        double[] byId = new double[ids.size()];
        for (int i = 0; i < byId.length; i++) {
            long t = System.nanoTime();
            if (ledger.record(ids.get(i)).isEmpty()) {
                throw new IllegalStateException("record " + ids.get(i) + " has a key but no row");
            }
            byId[i] = (System.nanoTime() - t) / 1e6;
        }
        var postings = db.fetch("SELECT posting_id, customer_id FROM usage_posting ORDER BY random() LIMIT 50");
        double[] byPosting = new double[postings.size()];
        for (int i = 0; i < byPosting.length; i++) {
            String posting = postings.get(i).get(0, String.class);
            String customer = postings.get(i).get(1, String.class);
            long t = System.nanoTime();
            if (ledger.recordsOfPosting(posting, customer, 100, 0).isEmpty()) {
                throw new IllegalStateException("posting " + posting + " of " + customer + " has no records");
            }
            byPosting[i] = (System.nanoTime() - t) / 1e6;
        }
        if (byId.length > 0 && byPosting.length > 0) { // an import that accepted nothing has nothing to look up
            figures.put("recordByIdMillisMedian", percentile(byId, 0.5));
            figures.put("recordByIdMillisMax", percentile(byId, 1.0));
            figures.put("postingRecordsMillisMedian", percentile(byPosting, 0.5));
            figures.put("postingRecordsMillisMax", percentile(byPosting, 1.0));
        }
    }

    /**
     * Every metric endpoint's work (the controller's method: parameter checks, projection queries, computation; no
     * HTTP) as of the last day with revenue, 20 times each after 3 warm-up calls: median and worst, in milliseconds.
     */
    private void metricTimings(Map<String, Object> figures) {
        MetricsController metrics = context.getBean(MetricsController.class);
        LocalDate asOf = context.getBean(MetricsReports.class).latestDay("USD");
        if (asOf == null) {
            return;
        }
        String to = YearMonth.from(asOf).toString();
        String from = YearMonth.from(asOf).minusMonths(11).toString();
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("runRate", () -> metrics.runRate(asOf, "USD", "USAGE_REVENUE,SUBSCRIPTION_REVENUE", null, 180, null, null, null));
        calls.put("activeCustomers", () -> metrics.active(asOf, "USD", BigDecimal.ZERO, 26, false, null, null, null));
        calls.put("activeCustomersWithEndUsers", () -> metrics.active(asOf, "USD", BigDecimal.ZERO, 26, true, null, null, null));
        calls.put("runRateKnownAt", () -> metrics.runRate(asOf, "USD", "USAGE_REVENUE,SUBSCRIPTION_REVENUE", null, 180, java.time.Instant.now(), null, null));
        calls.put("concentrationKnownAt", () -> metrics.concentration(asOf, "USD", java.time.Instant.now(), null, null));
        calls.put("cohorts", () -> metrics.cohorts(asOf, "USD", 12, null, null, null));
        calls.put("netUsageRetention", () -> metrics.retention(asOf, "USD", 90, 365, BigDecimal.ZERO, "", null, null, null));
        calls.put("averageConsumptionValue", () -> metrics.averageValue(asOf, "USD", null, null, null));
        calls.put("marginByModel", () -> metrics.margin(from, to, "USD", "model"));
        calls.put("marginByCustomer", () -> metrics.margin(from, to, "USD", "customer,model,feature"));
        calls.put("velocity", () -> metrics.velocity(asOf, "USD", new BigDecimal("100000"), new BigDecimal("10000"), null, null, null));
        calls.put("concentration", () -> metrics.concentration(asOf, "USD", null, null, null));
        calls.put("burnDown", () -> metrics.burnDown(asOf, "USD"));
        figures.put("metricsAsOf", asOf.toString());
        calls.forEach((name, call) -> {
            double[] millis = ReportTimings.medianAndWorst(call);
            figures.put("metric." + name + ".millisMedian", millis[0]);
            figures.put("metric." + name + ".millisMax", millis[1]);
        });
    }

    /**
     * The reports issue 16 names, on the ledger this import leaves behind, each 20 times after 3 warm-up calls:
     * median and worst, in milliseconds (the reports' own methods, no HTTP).
     */
    private void reportTimings(Map<String, Object> figures, YearMonth from, YearMonth to) {
        var ledgerReports = context.getBean(dev.tokenledger.projections.reports.LedgerReports.class);
        var credits = context.getBean(dev.tokenledger.projections.credits.CreditReports.class);
        LocalDate yearEnd = to.minusMonths(1).atEndOfMonth();
        java.time.Instant midway = db.fetchOne("SELECT min(recorded_at) + (max(recorded_at) - min(recorded_at)) / 2 FROM gl_entry")
                .get(0, java.time.OffsetDateTime.class).toInstant();
        Map<String, Runnable> calls = new LinkedHashMap<>();
        calls.put("trialBalance", () -> ledgerReports.trialBalance(yearEnd, null));
        calls.put("trialBalanceKnownAtMidway", () -> ledgerReports.trialBalance(yearEnd, midway));
        calls.put("usageMarginByPeriodAndModel", () -> reports.margin(from, to.minusMonths(1),
                java.util.EnumSet.of(UsageReports.Dimension.PERIOD, UsageReports.Dimension.MODEL), null, null));
        calls.put("deferredRevenueRollforwardYear", () -> credits.rollforward(from, to.minusMonths(1), null, "USD"));
        calls.put("usageTiesToGL", () -> reports.ties(from, to));
        calls.put("usageRecordTies", () -> ledger.recordTies(from, to));
        calls.put("usageRecordTiesVerifyBlocks", () -> ledger.recordTies(from, to, true));
        calls.forEach((name, call) -> {
            double[] millis = ReportTimings.medianAndWorst(call);
            figures.put("report." + name + ".millisMedian", millis[0]);
            figures.put("report." + name + ".millisMax", millis[1]);
        });
    }

    private static double percentile(double[] millis, double p) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    /**
     * The floor the usage ledger's own storage sets: its keys, blocks and daily totals exactly as the ingestion stored
     * them COPYed into fresh tables of the same shape (the same indexes, the key table with its primary key), in one
     * transaction. No parsing, pricing, encoding, posting or projections.
     */
    private void storageFloor(long written, Map<String, Object> figures) throws Exception {
        List<String> tables = List.of("usage_key", "usage_block", "usage_daily");
        Map<String, Path> files = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            for (String table : tables) {
                Path file = Files.createTempFile(table, ".copy");
                files.put(table, file);
                try (var out = Files.newOutputStream(file)) {
                    copy.copyOut("COPY " + table + " TO STDOUT", out);
                }
            }
            try (var s = c.createStatement()) {
                for (String table : tables) {
                    s.execute("CREATE TABLE bench_" + table + " (LIKE " + table + " INCLUDING ALL)");
                }
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            for (String table : tables) {
                try (var in = Files.newInputStream(files.get(table))) {
                    copy.copyIn("COPY bench_" + table + " FROM STDIN", in);
                }
            }
            c.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            figures.put("storageCopySeconds", seconds);
            figures.put("storageCopyRecordsPerSecond", Math.round(written / seconds));
            c.setAutoCommit(true);
            try (var s = c.createStatement()) {
                s.execute("DROP TABLE bench_usage_key, bench_usage_block, bench_usage_daily");
            }
        } finally {
            for (Path file : files.values()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
