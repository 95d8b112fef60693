package dev.tokenledger.adapters.exports;

import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.projections.reports.LedgerReports;
import dev.tokenledger.projections.reports.PeriodRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The auditor's package over HTTP (README "The auditor's package"). */
@RestController
@Tag(name = "Audit")
public class AuditPackageController {

    private final AuditPackageService packages;
    private final LedgerReports reports;

    public AuditPackageController(AuditPackageService packages, LedgerReports reports) {
        this.packages = packages;
        this.reports = reports;
    }

    @GetMapping(value = "/api/v1/audit/package", produces = "application/zip")
    @Operation(summary = "The auditor's package for periods from..to (YYYY-MM), as a zip: journal, trial balance, GL "
            + "detail with running balances, rollforward, usage ties, SSP allocations, waterfall, contract balances, "
            + "income statement, balance sheet, seals, verification, policy document; CSV files, one XLSX workbook and a "
            + "SHA-256 manifest. knownAt (instant) or knownAtClose (YYYY-MM): as the books stood then, with a "
            + "differences report of what was recorded since.")
    public ResponseEntity<Resource> auditPackage(@RequestParam String from, @RequestParam String to,
                                                 @RequestParam(required = false) Instant knownAt,
                                                 @RequestParam(required = false) String knownAtClose) throws IOException {
        YearMonth f = dev.tokenledger.periods.PeriodIds.parse(from, "from");
        YearMonth t = dev.tokenledger.periods.PeriodIds.parse(to, "to");
        if (t.isBefore(f) || f.plusYears(10).isBefore(t)) {
            throw new InvalidParameterException("to", "on or after from, within ten years");
        }
        Instant at = knownAt(knownAt, knownAtClose);
        Path directory = Files.createTempDirectory("audit-package-");
        Path zip = Files.createTempFile("audit-package-", ".zip");
        try {
            packages.build(f, t, at, directory, line -> { });
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip));
                 Stream<Path> files = Files.list(directory)) {
                for (Path file : files.sorted().toList()) {
                    out.putNextEntry(new ZipEntry("audit-package-" + f + "-" + t + "/" + file.getFileName()));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit-package-" + f + "-" + t + ".zip\"")
                .body(new FileSystemResource(zip) {
                    @Override
                    public InputStream getInputStream() throws IOException {
                        return Files.newInputStream(zip, StandardOpenOption.DELETE_ON_CLOSE);
                    }
                });
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
