package dev.tokenledger.adapters.credits;

import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.exports.AccountingPolicyDocument;
import dev.tokenledger.projections.credits.CreditReports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

@RestController
@Tag(name = "Accounting policies", description = "The documented accounting policies, generated from the live configuration")
public class AccountingPolicyController {

    private final ChartOfAccounts chart;
    private final CreditReports reports;
    private final AccountingPolicyDocument.Settings settings;
    private final dev.tokenledger.usage.PricingCatalogBook catalog;
    private final dev.tokenledger.projections.contracts.ContractReports contracts;

    public AccountingPolicyController(ChartOfAccounts chart, CreditReports reports, dev.tokenledger.usage.PricingCatalogBook catalog,
                                      dev.tokenledger.projections.contracts.ContractReports contracts,
                                      @Value("${ledger.reporting-zone:UTC}") String zone,
                                      @Value("${ledger.credits.auto-expiry.enabled:true}") boolean autoExpiry,
                                      @Value("${ledger.credits.auto-expiry.grace-days:3}") int graceDays) {
        this.chart = chart;
        this.reports = reports;
        this.catalog = catalog;
        this.contracts = contracts;
        this.settings = new AccountingPolicyDocument.Settings(zone, autoExpiry, graceDays);
    }

    @GetMapping("/api/v1/accounting-policies")
    @Operation(summary = "How credits, breakage, usage pricing, cost accrual and cut-off, infrastructure, vendor invoices, "
            + "contracts (SSP allocation, recognition, commitments, modifications), the SSP table and rounding are treated, and since when (format=html or md; download=true to save it)")
    public ResponseEntity<byte[]> policies(@RequestParam(defaultValue = "html") String format,
                                           @RequestParam(defaultValue = "false") boolean download) {
        var cards = catalog.current();
        String markdown = AccountingPolicyDocument.markdown(chart, reports.programs(), cards.allRateCards(),
                cards.allCostCards(), contracts.sspTable(), settings, Instant.now());
        boolean html = switch (format) {
            case "html" -> true;
            case "md", "markdown" -> false;
            default -> throw new InvalidParameterException("format", "html or md");
        };
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(html ? MediaType.parseMediaType("text/html;charset=UTF-8")
                        : MediaType.parseMediaType("text/markdown;charset=UTF-8"));
        if (download) {
            response.header(HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"accounting-policies." + (html ? "html" : "md") + "\"");
        }
        String body = html ? AccountingPolicyDocument.html(markdown) : markdown;
        return response.body(body.getBytes(StandardCharsets.UTF_8));
    }
}
