package dev.tokenledger.adapters.reports;

import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.exports.LedgerCliJournal;
import dev.tokenledger.projections.reports.LedgerReports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

@RestController
@Tag(name = "Exports", description = "The general ledger for independent tools")
public class ExportController {

    private final LedgerReports reports;
    private final ChartOfAccounts chart;

    public ExportController(LedgerReports reports, ChartOfAccounts chart) {
        this.reports = reports;
        this.chart = chart;
    }

    @GetMapping("/api/v1/exports/ledger-journal")
    @Operation(summary = "The general ledger through asOf as a ledger-cli / hledger journal, to recompute every balance "
            + "independently (e.g. `ledger -f journal.ledger balance`)")
    public ResponseEntity<byte[]> ledgerJournal(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        StringWriter text = new StringWriter();
        LedgerCliJournal journal = new LedgerCliJournal(chart, text);
        reports.forEachLine(asOf, journal::write);
        journal.finish();
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"general-ledger-" + asOf + ".ledger\"")
                .body(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
