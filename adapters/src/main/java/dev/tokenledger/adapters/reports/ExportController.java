package dev.tokenledger.adapters.reports;

import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.exports.BeancountJournal;
import dev.tokenledger.exports.LedgerCliJournal;
import dev.tokenledger.projections.reports.GeneralLedgerLine;
import dev.tokenledger.projections.reports.LedgerReports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * The general ledger as plain-text journals for independent engines (README "Exports"). A large ledger is written
 * to a temporary file inside the read's snapshot (streamed from the database, never held in memory), then sent.
 */
@RestController
@Tag(name = "Exports", description = "The general ledger for independent double-entry engines and ERPs")
public class ExportController {

    private final LedgerReports reports;
    private final ChartOfAccounts chart;

    public ExportController(LedgerReports reports, ChartOfAccounts chart) {
        this.reports = reports;
        this.chart = chart;
    }

    @GetMapping("/api/v1/exports/ledger-journal")
    @Operation(summary = "The general ledger through asOf as a ledger-cli / hledger journal (declared accounts, "
            + "commodities, payees and tags: `ledger --pedantic` and `hledger -s check` clean); entry ids kept as codes")
    public ResponseEntity<Resource> ledgerJournal(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf)
            throws IOException {
        LocalDate date = QueryDates.within("asOf", asOf);
        return file("general-ledger-" + date + ".journal", out -> {
            LedgerCliJournal journal = new LedgerCliJournal(chart, out, reports.vocabulary(date));
            reports.forEachLine(date, journal::write);
            journal.finish();
        });
    }

    @GetMapping("/api/v1/exports/beancount")
    @Operation(summary = "The general ledger through asOf as a beancount file (`bean-check` clean); the chart's types "
            + "mapped to beancount's five roots, entry ids and dimensions as metadata")
    public ResponseEntity<Resource> beancount(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf)
            throws IOException {
        LocalDate date = QueryDates.within("asOf", asOf);
        return file("general-ledger-" + date + ".beancount", out -> {
            BeancountJournal journal = new BeancountJournal(chart, out, reports.vocabulary(date), date);
            reports.forEachLine(date, (GeneralLedgerLine line) -> journal.write(line));
            journal.finish();
        });
    }

    static ResponseEntity<Resource> file(String name, Consumer<Writer> writer) throws IOException {
        Path file = Files.createTempFile("ledger-export-", ".txt");
        file.toFile().deleteOnExit();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.accept(out);
        } catch (UncheckedIOException e) {
            Files.deleteIfExists(file);
            throw e.getCause();
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .body(new FileSystemResource(file) {
                    @Override
                    public java.io.InputStream getInputStream() throws IOException {
                        // the temporary file goes as soon as it has been sent
                        return Files.newInputStream(file, java.nio.file.StandardOpenOption.DELETE_ON_CLOSE);
                    }
                });
    }
}
