package dev.tokenledger.adapters;

import dev.tokenledger.adapters.demo.SyntheticAiCompanySetup;
import dev.tokenledger.adapters.demo.SyntheticAiCompany;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.projections.usage.UsageReports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly once across a crash: a file import is killed with SIGKILL (kill -9) after some batches committed, then the
 * same file is imported again. Nothing is lost, nothing is posted twice, and the usage ledger ties to the GL.
 */
class UsageCrashTest {

    static final String SCHEMA = "it_usage_crash";

    @TempDir
    Path dir;

    @Test
    void killingAnImportMidwayThenImportingTheFileAgainPostsEveryRecordExactlyOnce() throws Exception {
        SyntheticAiCompany company = new SyntheticAiCompany(40, 7);
        Path file = dir.resolve("usage.csv");
        long total = company.writeUsage(file, 60_000);
        try (var ledger = PostgresSchema.startLedger(SCHEMA)) {
            ledger.getBean(SyntheticAiCompanySetup.class).setUp(company);
        }

        Process first = importInChildProcess(file);
        long committedBeforeKill = 0;
        for (int i = 0; i < 3000 && committedBeforeKill < 6_000; i++) {
            Thread.sleep(10);
            committedBeforeKill = count("usage_key");
        }
        first.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback handshake
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(137);
        long afterKill = count("usage_key");
        assertThat(afterKill).as("the kill came after some batches and before the end").isBetween(1L, total - 1);
        assertThat(recordsInBlocks()).isEqualTo(afterKill);

        Process second = importInChildProcess(file);
        String output = new String(second.getInputStream().readAllBytes());
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains(String.format("duplicates:    %,d", afterKill));
        assertThat(output).contains(String.format("accepted:      %,d", total - afterKill));
        assertThat(count("usage_key")).isEqualTo(total);
        assertThat(recordsInBlocks()).isEqualTo(total);

        try (var ledger = PostgresSchema.startLedgerOn(SCHEMA)) {
            ledger.getBean(ProjectionMonitor.class).awaitCaughtUp(Duration.ofMinutes(2));
            UsageReports reports = ledger.getBean(UsageReports.class);
            YearMonth from = YearMonth.from(SyntheticAiCompany.START);
            var ties = reports.ties(from, from.plusMonths(12));
            var recordTies = ledger.getBean(dev.tokenledger.adapters.usageledger.UsageLedger.class).recordTies(from, from.plusMonths(12));
            assertThat(ties).isNotEmpty().allMatch(UsageReports.Tie::ties);
            assertThat(recordTies).isNotEmpty().allMatch(dev.tokenledger.adapters.usageledger.UsageLedger.RecordTie::ties);
            assertThat(recordTies.stream().mapToLong(dev.tokenledger.adapters.usageledger.UsageLedger.RecordTie::postedRecords).sum()).isEqualTo(total);
            // the monthly totals written with the blocks survived the kills exactly as the blocks did
            assertThat(ledger.getBean(dev.tokenledger.adapters.usageledger.UsageLedger.class).recordTies(from, from.plusMonths(12), true))
                    .isEqualTo(recordTies);
        }
    }

    private static Process importInChildProcess(Path file) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String url = PostgresSchema.URL + (PostgresSchema.URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Daxoniq.update-checker.disabled=true", LedgerApplication.class.getName(),
                "--import-usage=" + file, "--batch-size=2000", "--no-progress",
                "--spring.main.web-application-type=none", "--logging.level.root=WARN",
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + PostgresSchema.USER,
                "--spring.datasource.password=" + PostgresSchema.PASSWORD, "--spring.flyway.schemas=" + SCHEMA,
                "--ledger.demo.enabled=false", "--ledger.credits.auto-expiry.enabled=false"));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static long count(String table) throws Exception {
        return single("SELECT count(*) FROM " + SCHEMA + "." + table);
    }

    /** The records the usage ledger's blocks hold, from their counts. */
    private static long recordsInBlocks() throws Exception {
        return single("SELECT COALESCE(SUM(records), 0) FROM " + SCHEMA + ".usage_block");
    }

    private static long single(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(PostgresSchema.URL, PostgresSchema.USER, PostgresSchema.PASSWORD);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
