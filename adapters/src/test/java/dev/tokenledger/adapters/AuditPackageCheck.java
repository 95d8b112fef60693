package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.exports.AuditPackageWriter;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's package of the demo year (README "The auditor's package"), read back: every file matches its
 * manifest digest, and the workbook's sheets (read with the library that wrote them) agree with the API.
 */
final class AuditPackageCheck {

    private AuditPackageCheck() {
    }

    static void check(LedgerHttp http, JsonNode trialBalance) throws Exception {
        byte[] zip = http.bytes("auditor", "/api/v1/audit/package?from=2025-11&to=2026-10");
        Path directory = Files.createTempDirectory("audit-package-test");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                Path file = directory.resolve(Path.of(entry.getName()).getFileName().toString());
                Files.copy(in, file);
            }
        }
        // the manifest's digests hold
        List<CSVRecord> manifest = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(directory.resolve("manifest.csv"))).getRecords();
        assertThat(manifest).extracting(r -> r.get("file")).contains("trial-balance.csv", "journal.csv",
                "general-ledger.csv", "deferred-revenue-rollforward.csv", "usage-ties.csv", "ssp-allocations.csv",
                "revenue-waterfall.csv", "contract-balances.csv", "checkpoints.csv", "verification.csv",
                "accounting-policies.md", "audit-package.xlsx");
        for (CSVRecord r : manifest) {
            assertThat(AuditPackageWriter.sha256(directory.resolve(r.get("file")))).as(r.get("file")).isEqualTo(r.get("sha256"));
        }

        try (InputStream in = Files.newInputStream(directory.resolve("audit-package.xlsx"));
             XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            // trial balance: closing balances per account equal the API's trial balance at the end of the range
            Map<String, BigDecimal> api = new TreeMap<>();
            for (JsonNode row : trialBalance.at("/rows")) {
                api.put(row.at("/accountCode").asText(), new BigDecimal(row.at("/debitBalance").asText())
                        .subtract(new BigDecimal(row.at("/creditBalance").asText())));
            }
            Map<String, BigDecimal> sheet = new TreeMap<>();
            Sheet tb = workbook.getSheet("trial-balance");
            Map<String, Integer> c = columns(tb);
            for (Row row : tb) {
                if (row.getRowNum() > 0) {
                    sheet.put(row.getCell(c.get("account")).getStringCellValue(),
                            cents(row, c.get("closing_debit")).subtract(cents(row, c.get("closing_credit"))));
                }
            }
            assertThat(sheet).isEqualTo(cents(api));
            // general-ledger detail: the last running balance of each account is its closing balance
            Sheet gl = workbook.getSheet("general-ledger");
            Map<String, Integer> g = columns(gl);
            Map<String, BigDecimal> running = new TreeMap<>();
            for (Row row : gl) {
                if (row.getRowNum() > 0) {
                    running.put(row.getCell(g.get("account")).getStringCellValue(), cents(row, g.get("running_balance")));
                }
            }
            running.forEach((account, balance) -> assertThat(balance).as(account).isEqualByComparingTo(cents(api).get(account)));
            // rollforward: every period's total ties to the general ledger
            Sheet rf = workbook.getSheet("deferred-revenue-rollforward");
            Map<String, Integer> f = columns(rf);
            int totals = 0;
            for (Row row : rf) {
                if (row.getRowNum() > 0 && "TOTAL".equals(row.getCell(f.get("account")).getStringCellValue())) {
                    totals++;
                    assertThat(row.getCell(f.get("ties_to_gl")).getStringCellValue()).isEqualTo("true");
                    assertThat(cents(row, f.get("closing"))).isEqualByComparingTo(cents(row, f.get("closing_per_gl")));
                }
            }
            assertThat(totals).isEqualTo(12);
            // the journal sheet lists every entry with its chain hash; the verification is clean
            Sheet journal = workbook.getSheet("journal");
            assertThat(journal.getLastRowNum()).isPositive();
            assertThat(journal.getRow(1).getCell(columns(journal).get("chain_sha256")).getStringCellValue()).hasSize(64);
            Sheet verification = workbook.getSheet("verification");
            assertThat(verification.getRow(1).getCell(0).getStringCellValue()).isEqualTo("CLEAN");
            assertThat(workbook.getSheet("checkpoints").getLastRowNum()).isEqualTo(11);
            assertThat(workbook.getSheet("ssp-allocations").getLastRowNum()).isPositive();
            assertThat(tb.getPaneInformation().isFreezePane()).isTrue();
        } finally {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Map<String, Integer> columns(Sheet sheet) {
        Map<String, Integer> columns = new HashMap<>();
        for (var cell : sheet.getRow(0)) {
            columns.put(cell.getStringCellValue(), cell.getColumnIndex());
        }
        return columns;
    }

    private static BigDecimal cents(Row row, int column) {
        var cell = row.getCell(column);
        return cell == null ? BigDecimal.ZERO.setScale(2) : BigDecimal.valueOf(cell.getNumericCellValue()).setScale(2, RoundingMode.HALF_UP);
    }

    private static Map<String, BigDecimal> cents(Map<String, BigDecimal> values) {
        Map<String, BigDecimal> result = new TreeMap<>();
        values.forEach((k, v) -> result.put(k, v.setScale(2, RoundingMode.HALF_UP)));
        return result;
    }
}
