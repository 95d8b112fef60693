package dev.tokenledger.adapters.credits;

import dev.tokenledger.adapters.platform.ApiExamples;
import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.credits.AdoptCreditProgram;
import dev.tokenledger.credits.CreditProgram;
import dev.tokenledger.credits.Commands.DrawUsage;
import dev.tokenledger.credits.Commands.CaptureHold;
import dev.tokenledger.credits.Commands.ExpireCreditPool;
import dev.tokenledger.credits.Commands.InvoiceOverage;
import dev.tokenledger.credits.Commands.PlaceHold;
import dev.tokenledger.credits.Commands.RecordPayment;
import dev.tokenledger.credits.Commands.ReleaseHold;
import dev.tokenledger.credits.Commands.GrantPromotionalCredits;
import dev.tokenledger.credits.Commands.PurchaseCredits;
import dev.tokenledger.credits.Commands.RefundCredits;
import dev.tokenledger.credits.Commands.ReviseBreakageEstimate;
import dev.tokenledger.credits.RefundPayout;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.credits.Wallet.WalletResult;
import dev.tokenledger.periods.PeriodIds;
import dev.tokenledger.projections.credits.CreditReports;
import dev.tokenledger.projections.credits.Rollforward;
import dev.tokenledger.projections.credits.WalletView;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

@RestController
@Tag(name = "Credits", description = "Credit programs, prepaid credit pools, usage draws, breakage, expiry, refunds")
public class CreditController {

    private final CommandGateway commands;
    private final CreditReports reports;
    private final ZoneId reportingZone;
    private final java.time.Clock clock = java.time.Clock.systemUTC();

    public CreditController(CommandGateway commands, CreditReports reports,
                            @Value("${ledger.reporting-zone:UTC}") String reportingZone) {
        this.commands = commands;
        this.reports = reports;
        this.reportingZone = ZoneId.of(reportingZone);
    }

    @PostMapping("/api/v1/credit-programs")
    @Operation(summary = "Adopt a credit program, or a new version of it from effectiveFrom (ADMIN, ACCOUNTANT)")
    public ResponseEntity<CreditProgram.Adopted> adoptProgram(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.PROGRAM))) @RequestBody AdoptCreditProgram request) {
        CreditProgram.Adopted adopted = commands.sendAndWait(request);
        return ResponseEntity.status(adopted.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(adopted);
    }

    public record PurchaseRequest(String purchaseId, String programId, LocalDate effectiveDate, BigDecimal price,
                                  String currency, BigDecimal credits, BigDecimal bonusCredits, Settlement settlement,
                                  LocalDate expiresOn) {
    }

    @PostMapping("/api/v1/customers/{customerId}/credit-purchases")
    @Operation(summary = "Paid credits purchased (cash or invoiced, bonus credits included): one new pool")
    public ResponseEntity<WalletResult> purchase(@PathVariable String customerId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.PURCHASE))) @RequestBody PurchaseRequest r) {
        return respond(commands.sendAndWait(new PurchaseCredits(customerId, r.purchaseId(), r.programId(),
                r.effectiveDate(), r.price(), r.currency(), r.credits(), r.bonusCredits(), r.settlement(), r.expiresOn())));
    }

    public record GrantRequest(String grantId, String programId, LocalDate effectiveDate, BigDecimal credits,
                               LocalDate expiresOn) {
    }

    @PostMapping("/api/v1/customers/{customerId}/credit-grants")
    @Operation(summary = "Promotional credits granted (no consideration; their usage posts no revenue)")
    public ResponseEntity<WalletResult> grant(@PathVariable String customerId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.GRANT))) @RequestBody GrantRequest r) {
        return respond(commands.sendAndWait(new GrantPromotionalCredits(customerId, r.grantId(), r.programId(),
                r.effectiveDate(), r.credits(), r.expiresOn())));
    }

    /** @param poolId the pool to draw first (a contract's own pool); default: earliest expiry first */
    public record DrawRequest(String drawId, Instant occurredAt, LocalDate effectiveDate, BigDecimal credits,
                              BigDecimal value, String usageReference, String poolId) {
    }

    @PostMapping("/api/v1/customers/{customerId}/usage-draws")
    @Operation(summary = "Usage drawn from the wallet: credits, or a value (exact, sub-cent allowed); overage beyond",
            description = "The effective date is the date of occurredAt in the reporting time zone unless given.")
    public ResponseEntity<WalletResult> draw(@PathVariable String customerId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.DRAW))) @RequestBody DrawRequest r) {
        LocalDate date = r.effectiveDate() != null ? r.effectiveDate()
                : r.occurredAt() == null ? null : r.occurredAt().atZone(reportingZone).toLocalDate();
        return respond(commands.sendAndWait(new DrawUsage(customerId, r.drawId(), date, r.occurredAt(), r.credits(),
                r.value(), r.usageReference(), r.poolId())));
    }

    public record RefundRequest(String refundId, String poolId, LocalDate effectiveDate, BigDecimal amount,
                                RefundPayout payout) {
    }

    @PostMapping("/api/v1/customers/{customerId}/refunds")
    @Operation(summary = "Refund of unused paid credits, where the program allows it")
    public ResponseEntity<WalletResult> refund(@PathVariable String customerId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.REFUND))) @RequestBody RefundRequest r) {
        return respond(commands.sendAndWait(new RefundCredits(customerId, r.refundId(), r.poolId(), r.effectiveDate(),
                r.amount(), r.payout())));
    }

    public record EstimateRequest(String customerId, String revisionId, LocalDate effectiveDate,
                                  BigDecimal expectedRedeemedCredits) {
    }

    @PostMapping("/api/v1/credit-pools/{poolId}/breakage-estimate")
    @Operation(summary = "Revise E for a PROPORTIONAL pool (catch-up, possibly negative)")
    public ResponseEntity<WalletResult> revise(@PathVariable String poolId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.ESTIMATE))) @RequestBody EstimateRequest r) {
        return respond(commands.sendAndWait(new ReviseBreakageEstimate(requireCustomer(r.customerId()), poolId,
                r.revisionId(), r.effectiveDate(), r.expectedRedeemedCredits())));
    }

    public record ExpiryRequest(String customerId, String requestId, LocalDate effectiveDate) {
    }

    @PostMapping("/api/v1/credit-pools/{poolId}/expiry")
    @Operation(summary = "Expire a pool explicitly (imports of history, corrections)")
    public ResponseEntity<WalletResult> expire(@PathVariable String poolId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.EXPIRY))) @RequestBody ExpiryRequest r) {
        return respond(commands.sendAndWait(new ExpireCreditPool(requireCustomer(r.customerId()), poolId,
                r.requestId(), r.effectiveDate())));
    }

    public record UnclaimedPropertyRequest(String customerId, String reportId, LocalDate effectiveDate,
                                           String jurisdiction, LocalDate dueOn) {
    }

    @PostMapping("/api/v1/credit-pools/{poolId}/unclaimed-property")
    @Operation(summary = "A pool's unused credits became reportable as unclaimed property to a state (ADMIN, ACCOUNTANT)",
            description = "Closes the pool if it is still open (also before expiry, where the state's dormancy rule "
                    + "says so): what its program expects to escheat moves to UNCLAIMED_PROPERTY_LIABILITY, the rest is "
                    + "breakage, as at expiry. For a pool already expired it records the jurisdiction and due date.")
    public ResponseEntity<WalletResult> reportUnclaimed(@PathVariable String poolId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
                    examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.UNCLAIMED_PROPERTY)))
            @RequestBody UnclaimedPropertyRequest r) {
        return respond(commands.sendAndWait(new dev.tokenledger.credits.Commands.ReportUnclaimedProperty(
                requireCustomer(r.customerId()), poolId, r.reportId(), r.effectiveDate(), r.jurisdiction(), r.dueOn())));
    }

    public record RemittanceRequest(String customerId, String remittanceId, LocalDate remittedOn, BigDecimal amount) {
    }

    @PostMapping("/api/v1/credit-pools/{poolId}/unclaimed-property/remittances")
    @Operation(summary = "Unclaimed property remitted to the state it was reported to: UNCLAIMED_PROPERTY_LIABILITY to "
            + "CASH; no amount remits all that is owed (ADMIN, ACCOUNTANT)")
    public ResponseEntity<WalletResult> remitUnclaimed(@PathVariable String poolId, @RequestBody RemittanceRequest r) {
        return respond(commands.sendAndWait(new dev.tokenledger.credits.Commands.RemitUnclaimedProperty(
                requireCustomer(r.customerId()), poolId, r.remittanceId(), r.remittedOn(), r.amount())));
    }

    @GetMapping("/api/v1/reports/unclaimed-property")
    @Operation(summary = "Unclaimed property: what is owed, to which jurisdiction, when due, what was remitted; tied to "
            + "the general ledger")
    public CreditReports.UnclaimedPropertyReport unclaimedProperty(
            @RequestParam(required = false) @org.springframework.format.annotation.DateTimeFormat(
                    iso = org.springframework.format.annotation.DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String jurisdiction) {
        if (asOf != null && (asOf.getYear() < 1900 || asOf.getYear() > 2200)) {
            throw new InvalidParameterException("asOf", "a date from 1900 to 2200");
        }
        return reports.unclaimedProperty(asOf == null ? LocalDate.now(java.time.ZoneOffset.UTC) : asOf, jurisdiction);
    }

    public record HoldRequest(String holdId, BigDecimal credits, BigDecimal value, Long ttlSeconds) {
    }

    @PostMapping("/api/v1/customers/{customerId}/holds")
    @Operation(summary = "Ask whether the customer may consume, reserving credits (or a value) until captured, "
            + "released or expired (ttlSeconds, default 300). 409 INSUFFICIENT_BALANCE when pools less open holds "
            + "do not cover it. Holds post nothing to the general ledger.")
    public ResponseEntity<WalletResult> placeHold(@PathVariable String customerId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.HOLD))) @RequestBody HoldRequest r) {
        Instant now = clock.instant();
        return respond(commands.sendAndWait(new PlaceHold(customerId, r.holdId(), now,
                now.atZone(reportingZone).toLocalDate(), r.credits(), r.value(), r.ttlSeconds())));
    }

    @PostMapping("/api/v1/customers/{customerId}/holds/{holdId}/capture")
    @Operation(summary = "Close the hold and draw the usage actually consumed")
    public ResponseEntity<WalletResult> capture(@PathVariable String customerId, @PathVariable String holdId,
                                                @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.CAPTURE))) @RequestBody DrawRequest r) {
        Instant occurredAt = r.occurredAt() == null ? clock.instant() : r.occurredAt();
        LocalDate date = r.effectiveDate() != null ? r.effectiveDate() : occurredAt.atZone(reportingZone).toLocalDate();
        return respond(commands.sendAndWait(new CaptureHold(customerId, holdId, r.drawId(), date, occurredAt,
                r.credits(), r.value(), r.usageReference())));
    }

    @PostMapping("/api/v1/customers/{customerId}/holds/{holdId}/release")
    @Operation(summary = "Release a hold without drawing anything")
    public WalletResult release(@PathVariable String customerId, @PathVariable String holdId) {
        return commands.sendAndWait(new ReleaseHold(customerId, holdId));
    }

    @PostMapping("/api/v1/credit-pools/{poolId}/dormancy")
    @Operation(summary = "Apply the program's dormancy rule to a pool without usage for the dormancy period "
            + "(also applied automatically with expiry); reversed if usage resumes")
    public ResponseEntity<WalletResult> dormancy(@PathVariable String poolId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
                    examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.EXPIRY)))
            @RequestBody ExpiryRequest r) {
        return respond(commands.sendAndWait(new dev.tokenledger.credits.Commands.DeclareDormancy(
                requireCustomer(r.customerId()), poolId, r.requestId(), r.effectiveDate())));
    }

    public record InvoiceRequest(String invoiceId, LocalDate effectiveDate, BigDecimal amount) {
    }

    @PostMapping("/api/v1/customers/{customerId}/invoices")
    @Operation(summary = "Invoice overage billed in arrears (amount, or everything unbilled when omitted)")
    public ResponseEntity<WalletResult> invoice(@PathVariable String customerId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.INVOICE))) @RequestBody InvoiceRequest r) {
        return respond(commands.sendAndWait(new InvoiceOverage(customerId, r.invoiceId(), r.effectiveDate(), r.amount())));
    }

    public record PaymentRequest(String paymentId, String invoiceId, LocalDate effectiveDate, BigDecimal amount) {
    }

    @PostMapping("/api/v1/customers/{customerId}/payments")
    @Operation(summary = "Payment of an overage invoice or of an invoiced purchase (invoiceId = purchaseId)")
    public ResponseEntity<WalletResult> payment(@PathVariable String customerId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.PAYMENT))) @RequestBody PaymentRequest r) {
        return respond(commands.sendAndWait(new RecordPayment(customerId, r.paymentId(), r.invoiceId(),
                r.effectiveDate(), r.amount())));
    }

    @GetMapping("/api/v1/customers/{customerId}/wallet")
    @Operation(summary = "The customer's pools and balances, in credits and money")
    public WalletView wallet(@PathVariable String customerId) {
        return reports.wallet(customerId).orElseThrow(() -> LedgerRejection.of(RejectionCode.UNKNOWN_CUSTOMER,
                "customerId", "customer " + customerId + " has no wallet (projections may still be catching up)"));
    }

    @GetMapping("/api/v1/reports/deferred-revenue-rollforward")
    @Operation(summary = "Contract liability rollforward (prepaid credits and contracts), by customer, contract and "
            + "obligation (pool), tied to the GL",
            description = "liability: all (default: every contract-liability account), credits (prepaid credits only), "
                    + "contracts (contracts' own liability only), material-rights (options, points and bonus credits, "
                    + "per contract and obligation) or licences (licence fees and royalties held until the licence is "
                    + "transferred)")
    public Rollforward rollforward(@RequestParam String from, @RequestParam String to,
                                   @RequestParam(required = false) String customer,
                                   @RequestParam(defaultValue = "USD") String currency,
                                   @RequestParam(defaultValue = "all") String liability) {
        if (!java.util.Set.of("all", "credits", "contracts", "material-rights", "licences").contains(liability)) {
            throw new InvalidParameterException("liability", "all, credits, contracts, material-rights or licences");
        }
        YearMonth start = PeriodIds.parse(from);
        YearMonth end = PeriodIds.parse(to);
        if (end.isBefore(start) || start.plusYears(10).isBefore(end)) {
            throw new InvalidParameterException("to", "to must be on or after from, within ten years");
        }
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidParameterException("currency", "an ISO 4217 code");
        }
        return reports.rollforward(start, end, customer, currency, liability);
    }

    private static String requireCustomer(String customerId) {
        if (customerId == null || customerId.isBlank()) {
            throw LedgerRejection.of(RejectionCode.UNKNOWN_CUSTOMER, "customerId", "give the customer the pool belongs to");
        }
        return customerId;
    }

    private static ResponseEntity<WalletResult> respond(WalletResult result) {
        return ResponseEntity.status(result.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(result);
    }
}
