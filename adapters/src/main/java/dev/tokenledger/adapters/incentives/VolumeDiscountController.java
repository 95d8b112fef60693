package dev.tokenledger.adapters.incentives;

import dev.tokenledger.adapters.platform.ApiExamples;
import dev.tokenledger.incentives.RebateCommands.AgreeVolumeDiscount;
import dev.tokenledger.incentives.RebateCommands.RecordVolumePayment;
import dev.tokenledger.incentives.RebateCommands.ReportVolumeUsage;
import dev.tokenledger.incentives.RebateCommands.ReviseExpectedVolume;
import dev.tokenledger.incentives.RebateCommands.SettleVolumeYear;
import dev.tokenledger.incentives.VolumeRebate.RebateResult;
import dev.tokenledger.projections.incentives.VolumeAgreementProjection;
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

/** Retrospective volume discounts over a contract year (README "Volume discounts"). */
@RestController
@Tag(name = "Volume discounts", description = "Retrospective volume discounts: revenue at the expected effective price, "
        + "a refund liability for the expected rebate, cumulative catch-up when the expected volume changes")
public class VolumeDiscountController {

    private final CommandGateway commands;
    private final VolumeAgreementProjection agreements;

    public VolumeDiscountController(CommandGateway commands, VolumeAgreementProjection agreements) {
        this.commands = commands;
        this.agreements = agreements;
    }

    @PostMapping("/api/v1/volume-discounts")
    @Operation(summary = "Agree a retrospective volume discount for a contract year (ADMIN, ACCOUNTANT; idempotent by agreementId)")
    public ResponseEntity<RebateResult> agree(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
            examples = @ExampleObject(value = ApiExamples.VOLUME_DISCOUNT))) @RequestBody AgreeVolumeDiscount agreement) {
        return respond(commands.sendAndWait(agreement));
    }

    public record UsageRequest(String usageId, LocalDate usageThrough, BigDecimal units) {
    }

    @PostMapping("/api/v1/volume-discounts/{agreementId}/usage")
    @Operation(summary = "Units used through a date: invoiced at the price the year has reached, revenue at the expected "
            + "price, the difference a refund liability (ADMIN, ACCOUNTANT)")
    public ResponseEntity<RebateResult> usage(@PathVariable String agreementId, @RequestBody UsageRequest r) {
        return respond(commands.sendAndWait(new ReportVolumeUsage(agreementId, r.usageId(), r.usageThrough(), r.units())));
    }

    public record ExpectationRequest(String requestId, LocalDate effectiveDate, BigDecimal expectedVolume, String reason) {
    }

    @PostMapping("/api/v1/volume-discounts/{agreementId}/expected-volume")
    @Operation(summary = "Revise the volume the year is expected to reach: revenue to date caught up at the new expected "
            + "price (ADMIN, ACCOUNTANT)")
    public ResponseEntity<RebateResult> revise(@PathVariable String agreementId, @RequestBody ExpectationRequest r) {
        return respond(commands.sendAndWait(new ReviseExpectedVolume(agreementId, r.requestId(), r.effectiveDate(),
                r.expectedVolume(), r.reason())));
    }

    public record SettlementRequest(String requestId, LocalDate effectiveDate) {
    }

    @PostMapping("/api/v1/volume-discounts/{agreementId}/settlement")
    @Operation(summary = "Settle the year (on or after its end): revenue trued up to the price reached, the rebate "
            + "credited against the receivable (ADMIN, ACCOUNTANT)")
    public ResponseEntity<RebateResult> settle(@PathVariable String agreementId, @RequestBody SettlementRequest r) {
        return respond(commands.sendAndWait(new SettleVolumeYear(agreementId, r.requestId(), r.effectiveDate())));
    }

    public record PaymentRequest(String paymentId, LocalDate paidOn, BigDecimal amount) {
    }

    @PostMapping("/api/v1/volume-discounts/{agreementId}/payments")
    @Operation(summary = "A payment of what was invoiced under the agreement (ADMIN, ACCOUNTANT)")
    public ResponseEntity<RebateResult> pay(@PathVariable String agreementId, @RequestBody PaymentRequest r) {
        return respond(commands.sendAndWait(new RecordVolumePayment(agreementId, r.paymentId(), r.paidOn(), r.amount())));
    }

    @GetMapping("/api/v1/volume-discounts")
    @Operation(summary = "Every agreement and its refund liability for rebates (invoiced less revenue until settled)")
    public List<VolumeAgreementProjection.VolumeAgreementView> list(@RequestParam(required = false) String customer) {
        return agreements.agreements(customer);
    }

    @GetMapping("/api/v1/volume-discounts/{agreementId}")
    @Operation(summary = "One agreement")
    public VolumeAgreementProjection.VolumeAgreementView one(@PathVariable String agreementId) {
        return agreements.agreement(agreementId).orElseThrow(() -> LedgerRejection.of(RejectionCode.UNKNOWN_VOLUME_AGREEMENT,
                "agreementId", "no volume agreement " + agreementId + " (projections may still be catching up)"));
    }

    private static ResponseEntity<RebateResult> respond(RebateResult result) {
        return ResponseEntity.status(result.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }
}
