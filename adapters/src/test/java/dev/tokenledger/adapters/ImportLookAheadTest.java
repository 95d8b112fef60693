package dev.tokenledger.adapters;

import dev.tokenledger.adapters.demo.SyntheticAiCompany;
import dev.tokenledger.adapters.demo.SyntheticAiCompanySetup;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.adapters.usage.UsageFileImport;
import dev.tokenledger.adapters.usageledger.UsageLedger;
import dev.tokenledger.projections.usage.UsageReports;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file import skips looking ids up while its batches are new, and a batch that then meets ids already held (a
 * resend in the middle of new records, or a conflicting one) runs again with the look-up: every record is still
 * posted exactly once, the conflict is refused naming the id, and the usage ledger ties to the GL.
 */
class ImportLookAheadTest {

    static final String SCHEMA = "it_import_look_ahead";

    @TempDir
    Path dir;

    @Test
    void heldIdsAmidNewBatchesAreDuplicatesAndConflictsAreRefused() throws Exception {
        SyntheticAiCompany company = new SyntheticAiCompany(20, 11);
        Path all = dir.resolve("all.csv");
        company.writeUsage(all, 12_000);
        List<String> header;
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(all))) {
            header = csv.getHeaderNames();
            for (CSVRecord r : csv) {
                rows.add(r.toList());
            }
        }
        int total = rows.size();
        assertThat(total).isGreaterThan(10_000);
        // the first file: records 0-5999; the second: new ones, a conflicting resend of record 100 (more input
        // tokens), new ones, records 0-2999 again, then the rest
        List<String> conflicting = new ArrayList<>(rows.get(100));
        int inputTokens = header.indexOf("input_tokens");
        String tokens = conflicting.get(inputTokens);
        conflicting.set(inputTokens, tokens.isBlank() ? "1" : String.valueOf(Long.parseLong(tokens) + 1));
        List<List<String>> second = new ArrayList<>(rows.subList(6_000, 9_000));
        second.add(conflicting);
        second.addAll(rows.subList(9_000, 10_000));
        second.addAll(rows.subList(0, 3_000));
        second.addAll(rows.subList(10_000, total));
        Path firstFile = write("first.csv", header, rows.subList(0, 6_000));
        Path secondFile = write("second.csv", header, second);

        try (var ledger = PostgresSchema.startLedger(SCHEMA)) {
            ledger.getBean(SyntheticAiCompanySetup.class).setUp(company);
            UsageFileImport files = ledger.getBean(UsageFileImport.class);
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

            UsageFileImport.Summary first = files.importFile(firstFile, 1_000, out, false, null);
            assertThat(first.accepted()).isEqualTo(6_000);
            // the reader decides one batch ahead: the second batch is looked up unless the first committed first
            assertThat(first.batchesAssumedNew()).as("the batches after the first are new").isBetween(4L, 5L);
            assertThat(first.batchesRunTwice()).isZero();

            UsageFileImport.Summary again = files.importFile(secondFile, 1_000, out, false, null);
            assertThat(again.accepted()).isEqualTo(total - 6_000);
            assertThat(again.duplicates()).isEqualTo(3_000);
            assertThat(again.rejected()).isEqualTo(1);
            assertThat(again.batchesAssumedNew()).isPositive();
            assertThat(again.batchesRunTwice()).as("the conflict and the resend were met unlooked-up").isPositive();
            assertThat(Files.readString(again.rejectionsFile())).contains("IDEMPOTENCY_KEY_REUSED,id")
                    .contains("\n3002,"); // the conflicting line: the header, 3,000 records, then it
            assertThat(PostgresSchema.count(SCHEMA, "SELECT count(*) FROM usage_key")).isEqualTo(total);
            assertThat(PostgresSchema.count(SCHEMA, "SELECT sum(records) FROM usage_block")).isEqualTo(total);

            UsageFileImport.Summary third = files.importFile(secondFile, 1_000, out, false, null);
            assertThat(third.accepted()).isZero();
            assertThat(third.duplicates()).isEqualTo(second.size() - 1);
            assertThat(third.rejected()).isEqualTo(1);
            assertThat(third.batchesAssumedNew()).as("every batch met held ids: every one looked up").isZero();
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[import] look-ups:");

            ledger.getBean(ProjectionMonitor.class).awaitCaughtUp(Duration.ofMinutes(2));
            YearMonth from = YearMonth.from(SyntheticAiCompany.START);
            UsageLedger usageLedger = ledger.getBean(UsageLedger.class);
            assertThat(ledger.getBean(UsageReports.class).ties(from, from.plusMonths(12)))
                    .isNotEmpty().allMatch(UsageReports.Tie::ties);
            var recordTies = usageLedger.recordTies(from, from.plusMonths(12), true);
            assertThat(recordTies).isNotEmpty().allMatch(UsageLedger.RecordTie::ties);
            assertThat(recordTies.stream().mapToLong(UsageLedger.RecordTie::postedRecords).sum()).isEqualTo(total);
        }
    }

    private Path write(String name, List<String> header, List<List<String>> rows) throws Exception {
        Path file = dir.resolve(name);
        try (CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(file),
                CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        }
        return file;
    }
}
