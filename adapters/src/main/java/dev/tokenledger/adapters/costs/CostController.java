package dev.tokenledger.adapters.costs;

import dev.tokenledger.adapters.platform.NotReadyException;
import dev.tokenledger.kernel.RequestChecks;
import dev.tokenledger.periods.PeriodIds;
import dev.tokenledger.rejection.Violations;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.costs.Commands.AllocateInfrastructureCost;
import dev.tokenledger.costs.Commands.RecordVendorInvoice;
import dev.tokenledger.costs.CostPosting.CostResult;
import dev.tokenledger.projections.usage.UsageReports;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.YearMonth;
import java.util.concurrent.TimeoutException;

@RestController
@Tag(name = "Costs", description = "Compute vendor invoices and infrastructure cost allocated by usage")
public class CostController {

    private final CommandGateway commands;
    private final UsageReports reports;
    private final ProjectionMonitor projections;

    public CostController(CommandGateway commands, UsageReports reports, ProjectionMonitor projections) {
        this.commands = commands;
        this.reports = reports;
        this.projections = projections;
    }

    @PostMapping("/api/v1/vendor-invoices")
    @Operation(summary = "Record a compute vendor's invoice: ACCRUED_COMPUTE to ACCOUNTS_PAYABLE (idempotent by invoiceId)")
    public ResponseEntity<CostResult> vendorInvoice(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(
                    value = dev.tokenledger.adapters.platform.ApiExamples.VENDOR_INVOICE))) @RequestBody RecordVendorInvoice invoice) {
        CostResult result = commands.sendAndWait(invoice);
        return ResponseEntity.status(result.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }

    /** A month's infrastructure bill; the ledger allocates it by the month's tokens per customer and model. */
    public record InfrastructureCost(String allocationId, String vendor, String period, BigDecimal amount, String currency) {
    }

    @PostMapping("/api/v1/infrastructure-costs")
    @Operation(summary = "Book a month's fixed infrastructure cost, allocated to customers and models by token share",
            description = "COGS_INFRASTRUCTURE (by customer and model) to ACCOUNTS_PAYABLE, dated the last day of the "
                    + "month. The basis is the month's usage in the usage ledger once projections have caught up; "
                    + "the allocation is recorded in the event, so it never changes afterwards.")
    public ResponseEntity<CostResult> infrastructure(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(
                    value = dev.tokenledger.adapters.platform.ApiExamples.INFRASTRUCTURE))) @RequestBody InfrastructureCost cost)
            throws InterruptedException {
        YearMonth month = PeriodIds.parse(cost.period(), "period");
        Violations checked = new Violations();
        if (RequestChecks.currency(checked, "currency", cost.currency()) == null) {
            checked.throwIfAny();
        }
        try {
            // the basis is the month's usage as the projections hold it: they must have everything stored so far
            projections.awaitCaughtUp(Duration.ofSeconds(10));
        } catch (TimeoutException e) {
            throw new NotReadyException("the usage projections are still catching up; nothing was stored, send the "
                    + "request again shortly", 10);
        }
        var basis = reports.tokenShares(month, cost.currency());
        CostResult result = commands.sendAndWait(new AllocateInfrastructureCost(cost.allocationId(), cost.vendor(),
                cost.period(), cost.amount(), cost.currency(), basis));
        return ResponseEntity.status(result.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }
}
