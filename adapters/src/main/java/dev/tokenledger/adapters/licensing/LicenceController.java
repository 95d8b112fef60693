package dev.tokenledger.adapters.licensing;

import dev.tokenledger.adapters.platform.ApiExamples;
import dev.tokenledger.licensing.Licence.LicenceResult;
import dev.tokenledger.licensing.LicenceCommands.GrantLicence;
import dev.tokenledger.licensing.LicenceCommands.RecordLicencePayment;
import dev.tokenledger.licensing.LicenceCommands.ReportRoyalties;
import dev.tokenledger.licensing.LicenceCommands.SettleMinimumGuarantee;
import dev.tokenledger.licensing.LicenceCommands.TransferLicence;
import dev.tokenledger.projections.licensing.LicenceProjection;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Licences of IP and their royalties (README "Licences and royalties"). */
@RestController
@Tag(name = "Licences", description = "Right-to-use licences of IP, usage- or sales-based royalties, minimum guarantees")
public class LicenceController {

    private final CommandGateway commands;
    private final LicenceProjection licences;

    public LicenceController(CommandGateway commands, LicenceProjection licences) {
        this.commands = commands;
        this.licences = licences;
    }

    @PostMapping("/api/v1/licences")
    @Operation(summary = "Grant a licence of functional IP: the fixed fee is invoiced and held as a contract liability "
            + "until control passes (ADMIN, ACCOUNTANT; idempotent by licenceId)",
            description = "contractType FUNCTIONAL_IP_LICENCE; SERVICE_ACCESS is refused (NOT_A_LICENCE). Royalty terms "
                    + "need licencePredominant true (ROYALTY_EXCEPTION_NOT_APPLICABLE otherwise).")
    public ResponseEntity<LicenceResult> grant(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            examples = @ExampleObject(value = ApiExamples.LICENCE))) @RequestBody GrantLicence grant) {
        return respond(commands.sendAndWait(grant));
    }

    public record TransferRequest(String requestId, LocalDate transferredOn) {
    }

    @PostMapping("/api/v1/licences/{licenceId}/transfer")
    @Operation(summary = "Control of the licence passed: fixed fee and minimum guarantee become licence revenue, royalties "
            + "reported before become royalty revenue (ADMIN, ACCOUNTANT)")
    public ResponseEntity<LicenceResult> transfer(@PathVariable String licenceId, @RequestBody TransferRequest r) {
        return respond(commands.sendAndWait(new TransferLicence(licenceId, r.requestId(), r.transferredOn())));
    }

    public record RoyaltyReportRequest(String reportId, LocalDate usageThrough, BigDecimal salesOrUsage) {
    }

    @PostMapping("/api/v1/licences/{licenceId}/royalty-reports")
    @Operation(summary = "The licensee's sales or usage through a date: the royalty is invoiced, billed against the "
            + "minimum guarantee first, and is revenue at the later of the usage and the transfer (ADMIN, ACCOUNTANT)")
    public ResponseEntity<LicenceResult> royalties(@PathVariable String licenceId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = ApiExamples.ROYALTY_REPORT))) @RequestBody RoyaltyReportRequest r) {
        return respond(commands.sendAndWait(new ReportRoyalties(licenceId, r.reportId(), r.usageThrough(), r.salesOrUsage())));
    }

    public record SettlementRequest(String requestId, LocalDate effectiveDate) {
    }

    @PostMapping("/api/v1/licences/{licenceId}/guarantee/settlement")
    @Operation(summary = "At or after the end of the term, invoice what royalties left of the minimum guarantee (ADMIN, ACCOUNTANT)")
    public ResponseEntity<LicenceResult> settle(@PathVariable String licenceId, @RequestBody SettlementRequest r) {
        return respond(commands.sendAndWait(new SettleMinimumGuarantee(licenceId, r.requestId(), r.effectiveDate())));
    }

    public record PaymentRequest(String paymentId, LocalDate paidOn, BigDecimal amount) {
    }

    @PostMapping("/api/v1/licences/{licenceId}/payments")
    @Operation(summary = "A payment from the licensee: CASH to ACCOUNTS_RECEIVABLE; no amount pays what is open (ADMIN, ACCOUNTANT)")
    public ResponseEntity<LicenceResult> pay(@PathVariable String licenceId, @RequestBody PaymentRequest r) {
        return respond(commands.sendAndWait(new RecordLicencePayment(licenceId, r.paymentId(), r.paidOn(), r.amount())));
    }

    @GetMapping("/api/v1/licences")
    @Operation(summary = "Every licence: fee, guarantee, royalties reported, revenue recognised, what is held until transfer")
    public List<LicenceProjection.LicenceView> list(@RequestParam(required = false) String customer) {
        return licences.licences(customer);
    }

    @GetMapping("/api/v1/licences/{licenceId}")
    @Operation(summary = "One licence with its royalty reports")
    public LicenceProjection.LicenceView one(@PathVariable String licenceId) {
        return licences.licence(licenceId).orElseThrow(() -> LedgerRejection.of(RejectionCode.UNKNOWN_LICENCE,
                "licenceId", "no licence " + licenceId + " (projections may still be catching up)"));
    }

    private static ResponseEntity<LicenceResult> respond(LicenceResult result) {
        return ResponseEntity.status(result.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }
}
