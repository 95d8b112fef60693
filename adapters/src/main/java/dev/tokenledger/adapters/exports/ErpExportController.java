package dev.tokenledger.adapters.exports;

import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.exportlog.ErpSystem;
import dev.tokenledger.projections.exports.ErpExportLogProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;

/** ERP journal files over HTTP (README "ERP journal files"). */
@RestController
@Tag(name = "Exports")
public class ErpExportController {

    private final ErpExportService exports;
    private final ErpExportLogProjection log;

    public ErpExportController(ErpExportService exports, ErpExportLogProjection log) {
        this.exports = exports;
        this.log = log;
    }

    @PostMapping(value = "/api/v1/exports/erp/{erp}", produces = "application/zip")
    @Operation(summary = "Send a period to an ERP (netsuite, quickbooks-online, xero): a zip with the journal import "
            + "file, a trace of every GL line to its summary line, and a README (ADMIN, ACCOUNTANT)",
            description = "Logged: the first file of a period is FIRST; the same summary again is marked REPEAT; a period "
                    + "that changed since it was sent gives a DELTA file with only the difference. dimensions: any of "
                    + "customer, contract, credit_pool, model, feature, product (comma separated; default none).")
    public ResponseEntity<byte[]> send(@PathVariable String erp, @RequestParam String period,
                                       @RequestParam(defaultValue = "USD") String currency,
                                       @RequestParam(defaultValue = "") String dimensions) throws IOException {
        return zip(erp, period, currency, dimensions, true);
    }

    @GetMapping(value = "/api/v1/exports/erp/{erp}", produces = "application/zip")
    @Operation(summary = "Preview a period's ERP journal file without logging it as sent")
    public ResponseEntity<byte[]> preview(@PathVariable String erp, @RequestParam String period,
                                          @RequestParam(defaultValue = "USD") String currency,
                                          @RequestParam(defaultValue = "") String dimensions) throws IOException {
        return zip(erp, period, currency, dimensions, false);
    }

    @GetMapping("/api/v1/exports/erp-log")
    @Operation(summary = "Every ERP file sent: period, currency, dimensions, sequence, FIRST/REPEAT/DELTA, content hash")
    public List<ErpExportLogProjection.LogRow> exportLog(@RequestParam(required = false) String erp) {
        return log.log(erp == null ? null : system(erp).name());
    }

    private ResponseEntity<byte[]> zip(String erp, String period, String currency, String dimensions, boolean record)
            throws IOException {
        ErpSystem system = system(erp);
        YearMonth month = dev.tokenledger.periods.PeriodIds.parse(period, "period");
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidParameterException("currency", "an ISO 4217 code");
        }
        try {
            java.util.Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("currency", "an ISO 4217 code");
        }
        List<String> dims = dimensions.isBlank() ? List.of() : Arrays.stream(dimensions.split(",")).map(String::trim).toList();
        if (dims.size() != dims.stream().distinct().count() || dims.size() > 3) {
            throw new InvalidParameterException("dimensions", "at most three distinct dimensions");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String principal = SecurityContextHolder.getContext().getAuthentication() == null ? "system"
                : SecurityContextHolder.getContext().getAuthentication().getName();
        exports.write(system, month, currency, dims, record, principal, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + erp + "-" + month + "-" + currency + ".zip\"")
                .body(out.toByteArray());
    }

    private static ErpSystem system(String erp) {
        return switch (erp) {
            case "netsuite" -> ErpSystem.NETSUITE;
            case "quickbooks-online" -> ErpSystem.QUICKBOOKS_ONLINE;
            case "xero" -> ErpSystem.XERO;
            default -> throw new InvalidParameterException("erp", "netsuite, quickbooks-online or xero");
        };
    }
}
