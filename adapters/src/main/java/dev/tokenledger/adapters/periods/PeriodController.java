package dev.tokenledger.adapters.periods;

import dev.tokenledger.adapters.platform.ApiExamples;
import dev.tokenledger.periods.ClosePeriod;
import dev.tokenledger.periods.PeriodChangeResult;
import dev.tokenledger.periods.PeriodIds;
import dev.tokenledger.periods.ReopenPeriod;
import dev.tokenledger.projections.reports.LedgerReports;
import dev.tokenledger.projections.reports.PeriodRow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/periods")
@Tag(name = "Periods", description = "Calendar-month accounting periods: open until closed; reopening needs a reason")
public class PeriodController {

    private final CommandGateway commands;
    private final LedgerReports reports;
    private final PeriodClosing closing;

    public PeriodController(CommandGateway commands, LedgerReports reports, PeriodClosing closing) {
        this.commands = commands;
        this.reports = reports;
        this.closing = closing;
    }

    @PostMapping("/{period}/close")
    @Operation(summary = "Close a period (YYYY-MM) and seal its checkpoint (journal chain, trial balance and "
            + "contract-liability digests); 503 while the read models catch up")
    public PeriodChangeResult close(@PathVariable String period, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.CLOSE))) @RequestBody CloseRequest request) {
        return closing.close(PeriodIds.parse(period), request.requestId(), null);
    }

    @PostMapping("/{period}/reopen")
    @Operation(summary = "Reopen a closed period (YYYY-MM); the reason is recorded in the audit trail")
    public PeriodChangeResult reopen(@PathVariable String period, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.REOPEN))) @RequestBody ReopenRequest request) {
        return commands.sendAndWait(new ReopenPeriod(PeriodIds.parse(period), request.requestId(), request.reason()));
    }

    @GetMapping
    @Operation(summary = "Periods that were ever closed, with their status; every other month is open")
    public List<PeriodRow> periods() {
        return reports.periods();
    }

    public record CloseRequest(String requestId) {
    }

    public record ReopenRequest(String requestId, String reason) {
    }
}
