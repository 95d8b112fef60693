package dev.tokenledger.adapters.contracts;

import dev.tokenledger.adapters.platform.ApiExamples;
import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.contracts.ContractCommands;
import dev.tokenledger.contracts.ContractCommands.BillingTerms;
import dev.tokenledger.contracts.ContractCommands.CommitmentOnTermination;
import dev.tokenledger.contracts.ContractCommands.CommitmentTerms;
import dev.tokenledger.contracts.ContractCommands.CreditsOnTermination;
import dev.tokenledger.contracts.ContractCommands.DeliverObligation;
import dev.tokenledger.contracts.ContractCommands.DiscountTerms;
import dev.tokenledger.contracts.ContractCommands.InvoiceContract;
import dev.tokenledger.contracts.ContractCommands.ModifyContract;
import dev.tokenledger.contracts.ContractCommands.ObligationTerms;
import dev.tokenledger.contracts.ContractCommands.RecognizeContractRevenue;
import dev.tokenledger.contracts.ContractCommands.RecordContractPayment;
import dev.tokenledger.contracts.ContractCommands.ReviseCommitmentEstimate;
import dev.tokenledger.contracts.ContractCommands.SettleCommitment;
import dev.tokenledger.contracts.ContractCommands.SignContract;
import dev.tokenledger.contracts.ContractCommands.TerminateContract;
import dev.tokenledger.contracts.PublishStandaloneSellingPrice;
import dev.tokenledger.contracts.StandaloneSellingPrice;
import dev.tokenledger.contracts.TerminationRefund;
import dev.tokenledger.projections.contracts.ContractReports;
import dev.tokenledger.rejection.LedgerRejection;
import dev.tokenledger.rejection.RejectionCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.format.annotation.DateTimeFormat;
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
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Contracts with several performance obligations and the SSP table (README "Contracts"). */
@RestController
@Tag(name = "Contracts", description = "SSP table, contracts with several performance obligations (ASC 606 steps 4 and 5), "
        + "their recognition, billing, commitments, modifications and reports")
public class ContractController {

    private final CommandGateway commands;
    private final ContractService contracts;
    private final ContractReports reports;
    private final dev.tokenledger.projections.reports.LedgerReports ledger;

    public ContractController(CommandGateway commands, ContractService contracts, ContractReports reports,
                              dev.tokenledger.projections.reports.LedgerReports ledger) {
        this.commands = commands;
        this.contracts = contracts;
        this.reports = reports;
        this.ledger = ledger;
    }

    // --- the SSP table ---------------------------------------------------------------------------------------------

    @PostMapping("/api/v1/ssp")
    @Operation(summary = "Publish a standalone selling price, or a new version of it from effectiveFrom (ADMIN, ACCOUNTANT)",
            description = "method: OBSERVABLE_PRICE, ADJUSTED_MARKET_ASSESSMENT, EXPECTED_COST_PLUS_MARGIN, or RESIDUAL "
                    + "(then rangeLow/rangeHigh instead of unitPrice). An obligation's SSP is unitPrice x its quantity.")
    public ResponseEntity<StandaloneSellingPrice.Published> publishSsp(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.SSP)))
            @RequestBody PublishStandaloneSellingPrice request) {
        StandaloneSellingPrice.Published published = commands.sendAndWait(request);
        return ResponseEntity.status(published.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(published);
    }

    @GetMapping("/api/v1/ssp")
    @Operation(summary = "Every version of every standalone selling price, with its method and evidence")
    public List<ContractReports.SspRow> sspTable() {
        return reports.sspTable();
    }

    // --- contracts ----------------------------------------------------------------------------------------------

    public record SignRequest(String contractId, String customerId, String currency, LocalDate signedOn,
                              LocalDate termStart, LocalDate termEnd, BigDecimal transactionPrice,
                              List<ObligationTerms> obligations, List<DiscountTerms> discounts,
                              CommitmentTerms commitment, BillingTerms billing, TerminationRefund refundOnTermination,
                              String memo) {
    }

    @PostMapping("/api/v1/contracts")
    @Operation(summary = "Sign a contract: its price allocated by relative SSP, its credit pools funded (ADMIN, ACCOUNTANT)",
            description = "contractId is the idempotency key. Obligations: PLATFORM_ACCESS and SUPPORT (RATABLE, "
                    + "DAILY or MONTHLY), SERVICE (RATABLE or ON_DELIVERY), PRODUCT (ON_DELIVERY), CREDIT_POOL (a wallet "
                    + "pool funded with its allocation). Discounts tied to obligations need evidence; a RESIDUAL SSP "
                    + "must fall in its range. 201 with the entries posted, 200 for a retry.")
    public ResponseEntity<ContractService.Outcome> sign(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.CONTRACT)))
            @RequestBody SignRequest r) {
        return respond(contracts.sign(new SignContract(r.contractId(), r.customerId(), r.currency(), r.signedOn(),
                r.termStart(), r.termEnd(), r.transactionPrice(), r.obligations(), r.discounts(), r.commitment(),
                r.billing(), r.refundOnTermination(), r.memo(), null)));
    }

    @GetMapping("/api/v1/contracts")
    @Operation(summary = "Contracts, with their price, billing and position (contract asset or liability)")
    public List<ContractReports.ContractSummary> list(@RequestParam(required = false) String customer) {
        return reports.contracts(customer);
    }

    @GetMapping("/api/v1/contracts/{contractId}")
    @Operation(summary = "A contract: obligations with allocated and recognised amounts, commitment, billing plan, "
            + "invoices and its history")
    public ContractReports.ContractView contract(@PathVariable String contractId) {
        return reports.contract(contractId).orElseThrow(() -> unknown(contractId));
    }

    @GetMapping("/api/v1/contracts/{contractId}/allocation")
    @Operation(summary = "The SSP analysis: each allocation made (at signing, at prospective modifications) with every "
            + "input (SSP versions, methods, evidence, discount groups) and the amounts allocated")
    public ContractReports.SspAnalysis allocation(@PathVariable String contractId) {
        return reports.allocation(contractId).orElseThrow(() -> unknown(contractId));
    }

    @GetMapping("/api/v1/contracts/{contractId}/schedule")
    @Operation(summary = "The contract's recognition by obligation and month over its life, and its billing plan")
    public ContractReports.Schedule schedule(@PathVariable String contractId) {
        return reports.schedule(contractId).orElseThrow(() -> unknown(contractId));
    }

    public record ModificationRequest(String modificationId, LocalDate effectiveDate, BigDecimal additionalPrice,
                                      List<ObligationTerms> addObligations, LocalDate newTermEnd, String reason) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/modifications")
    @Operation(summary = "Modify a contract: add obligations, extend the term (ADMIN, ACCOUNTANT)",
            description = "The ledger decides the treatment (ASC 606-10-25-12/13): distinct obligations added at prices "
                    + "within their SSPs' ranges (exactly their SSPs without a range) and no term change form a separate "
                    + "contract '{contractId}-{modificationId}'; anything else is prospective: recognised through the day "
                    + "before, then the unrecognised amount plus the additional price reallocated over what remains.")
    public ResponseEntity<ContractService.Outcome> modify(@PathVariable String contractId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.MODIFICATION)))
            @RequestBody ModificationRequest r) {
        return respond(contracts.send(new ModifyContract(contractId, r.modificationId(), r.effectiveDate(),
                r.additionalPrice(), r.addObligations(), r.newTermEnd(), r.reason())));
    }

    public record TerminationRequest(String terminationId, LocalDate effectiveDate, CreditsOnTermination credits,
                                     CommitmentOnTermination commitment, String reason) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/termination")
    @Operation(summary = "Terminate a contract early (ADMIN, ACCOUNTANT)",
            description = "Recognised through the date; what the billing plan had due by then is billed; what was "
                    + "billed and not earned is refunded (refundOnTermination UNUSED_PORTION) or released to revenue "
                    + "(NONE); what was earned and not billed is billed. credits: KEEP (default) or EXPIRE the pools the "
                    + "contract funded; commitment: WAIVE (default) or SETTLE now.")
    public ResponseEntity<ContractService.Outcome> terminate(@PathVariable String contractId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.TERMINATION)))
            @RequestBody TerminationRequest r) {
        return respond(contracts.send(new TerminateContract(contractId, r.terminationId(), r.effectiveDate(), r.credits(),
                r.commitment(), r.reason())));
    }

    public record RecognitionRequest(String requestId, LocalDate through) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/recognition")
    @Operation(summary = "Recognise what the obligations satisfied over time earned through a date (cumulative "
            + "catch-up), and the expected shortfall under PROPORTIONAL_EXPECTED_SHORTFALL (ADMIN, ACCOUNTANT)")
    public ResponseEntity<ContractService.Outcome> recognize(@PathVariable String contractId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.RECOGNITION)))
            @RequestBody RecognitionRequest r) {
        return respond(contracts.send(new RecognizeContractRevenue(contractId, r.requestId(), r.through())));
    }

    public record DeliveryRequest(String requestId, LocalDate deliveredOn) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/obligations/{obligationId}/delivery")
    @Operation(summary = "A point-in-time obligation was delivered: its allocated amount is recognised (ADMIN, ACCOUNTANT)")
    public ResponseEntity<ContractService.Outcome> deliver(@PathVariable String contractId, @PathVariable String obligationId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.DELIVERY)))
            @RequestBody DeliveryRequest r) {
        return respond(contracts.send(new DeliverObligation(contractId, obligationId, r.requestId(), r.deliveredOn())));
    }

    public record ExerciseRequest(String requestId, LocalDate effectiveDate, BigDecimal units) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/obligations/{obligationId}/exercises")
    @Operation(summary = "Units of a material right were exercised (a voucher used, points or bonus credits redeemed): "
            + "MATERIAL_RIGHT_LIABILITY to MATERIAL_RIGHT_REVENUE by cumulative catch-up (ADMIN, ACCOUNTANT)")
    public ResponseEntity<ContractService.Outcome> exercise(@PathVariable String contractId, @PathVariable String obligationId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.EXERCISE)))
            @RequestBody ExerciseRequest r) {
        return respond(contracts.send(new ContractCommands.ExerciseMaterialRight(contractId, obligationId, r.requestId(),
                r.effectiveDate(), r.units())));
    }

    public record OptionEstimateRequest(String requestId, LocalDate effectiveDate, BigDecimal expectedUnits, String reason) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/obligations/{obligationId}/estimate")
    @Operation(summary = "Revise the units of a PORTFOLIO_REDEMPTION material right expected to be exercised: a "
            + "cumulative catch-up, negative when the expectation rises (ADMIN, ACCOUNTANT)")
    public ResponseEntity<ContractService.Outcome> reviseOption(@PathVariable String contractId, @PathVariable String obligationId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.OPTION_ESTIMATE)))
            @RequestBody OptionEstimateRequest r) {
        return respond(contracts.send(new ContractCommands.ReviseMaterialRightEstimate(contractId, obligationId,
                r.requestId(), r.effectiveDate(), r.expectedUnits(), r.reason())));
    }

    public record LapseRequest(String requestId, LocalDate effectiveDate, String reason) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/obligations/{obligationId}/lapse")
    @Operation(summary = "What remains of a material right lapsed (on or after its expiry): the rest of its liability is "
            + "revenue (ADMIN, ACCOUNTANT)")
    public ResponseEntity<ContractService.Outcome> lapse(@PathVariable String contractId, @PathVariable String obligationId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.LAPSE)))
            @RequestBody LapseRequest r) {
        return respond(contracts.send(new ContractCommands.LapseMaterialRight(contractId, obligationId, r.requestId(),
                r.effectiveDate(), r.reason())));
    }

    @GetMapping("/api/v1/reports/material-rights")
    @Operation(summary = "Every material right: its option (likelihood, expiry, units expected and exercised), what was "
            + "allocated, recognised and remains, tied to MATERIAL_RIGHT_LIABILITY in the general ledger")
    public List<ContractReports.MaterialRightRow> materialRights(@RequestParam(required = false) String customer) {
        return reports.materialRights(customer);
    }

    public record InvoiceRequest(String invoiceId, LocalDate invoiceDate) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/invoices")
    @Operation(summary = "Invoice what the billing plan has due on or before invoiceDate and not yet billed (ADMIN, ACCOUNTANT)")
    public ResponseEntity<ContractService.Outcome> invoice(@PathVariable String contractId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.CONTRACT_INVOICE)))
            @RequestBody InvoiceRequest r) {
        return respond(contracts.send(new InvoiceContract(contractId, r.invoiceId(), r.invoiceDate())));
    }

    public record PaymentRequest(String paymentId, String invoiceId, LocalDate paidOn, BigDecimal amount) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/payments")
    @Operation(summary = "A payment of one of the contract's invoices (ADMIN, ACCOUNTANT)")
    public ResponseEntity<ContractService.Outcome> pay(@PathVariable String contractId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.CONTRACT_PAYMENT)))
            @RequestBody PaymentRequest r) {
        return respond(contracts.send(new RecordContractPayment(contractId, r.paymentId(), r.invoiceId(), r.paidOn(), r.amount())));
    }

    public record SettlementRequest(String requestId, LocalDate effectiveDate) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/commitment/settlement")
    @Operation(summary = "Settle the committed minimum at or after the end of the term: any shortfall recognised and "
            + "invoiced (ADMIN, ACCOUNTANT)")
    public ResponseEntity<ContractService.Outcome> settle(@PathVariable String contractId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.SETTLEMENT)))
            @RequestBody SettlementRequest r) {
        return respond(contracts.send(new SettleCommitment(contractId, r.requestId(), r.effectiveDate())));
    }

    public record EstimateRequest(String requestId, LocalDate effectiveDate, BigDecimal expectedConsumption, String reason) {
    }

    @PostMapping("/api/v1/contracts/{contractId}/commitment/estimate")
    @Operation(summary = "Revise the usage expected over the term (PROPORTIONAL_EXPECTED_SHORTFALL): a cumulative "
            + "catch-up of the shortfall recognised (ADMIN, ACCOUNTANT)")
    public ResponseEntity<ContractService.Outcome> estimate(@PathVariable String contractId,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = ApiExamples.COMMITMENT_ESTIMATE)))
            @RequestBody EstimateRequest r) {
        return respond(contracts.send(new ReviseCommitmentEstimate(contractId, r.requestId(), r.effectiveDate(),
                r.expectedConsumption(), r.reason())));
    }

    // --- reports ------------------------------------------------------------------------------------------------

    private static final Set<String> WATERFALL_GROUPS = Set.of("obligation", "contract", "customer", "kind");
    private static final Set<String> REVENUE_GROUPS = Set.of("period", "type", "customer", "contract");

    @GetMapping("/api/v1/reports/revenue-waterfall")
    @Operation(summary = "Future recognition by month after asOf, per contract and obligation, as known at any time",
            description = "groupBy: obligation (default), contract, customer or kind. knownAt (instant) or knownAtClose "
                    + "(YYYY-MM, a closed period) shows the contracts as the ledger knew them then.")
    public ContractReports.Waterfall waterfall(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @Parameter(description = "ISO instant") @RequestParam(required = false) Instant knownAt,
            @RequestParam(required = false) String knownAtClose,
            @RequestParam(defaultValue = "24") int months,
            @RequestParam(defaultValue = "obligation") String groupBy,
            @RequestParam(required = false) String customer,
            @RequestParam(required = false) String contract) {
        if (months < 1 || months > 120) {
            throw new InvalidParameterException("months", "give 1 to 120 months");
        }
        if (!WATERFALL_GROUPS.contains(groupBy)) {
            throw new InvalidParameterException("groupBy", "one of " + WATERFALL_GROUPS);
        }
        return reports.waterfall(within(asOf), knownAt(knownAt, knownAtClose), months, groupBy, id("customer", customer),
                id("contract", contract));
    }

    @GetMapping("/api/v1/reports/contract-balances")
    @Operation(summary = "Per contract: receivable, contract asset, contract liability, prepaid credits and the net "
            + "position, each tied to the general ledger")
    public ContractReports.ContractBalances balances(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String customer) {
        return reports.balances(within(asOf), id("customer", customer));
    }

    @GetMapping("/api/v1/reports/remaining-performance-obligations")
    @Operation(summary = "Remaining performance obligations at asOf (ASC 606-10-50-13): amount and when it is expected "
            + "to be recognised (within 12 months, after)")
    public ContractReports.RemainingObligations remainingObligations(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) String customer) {
        return reports.remainingObligations(within(asOf), id("customer", customer));
    }

    @GetMapping("/api/v1/reports/revenue-disaggregation")
    @Operation(summary = "Revenue by obligation type, customer, contract and period (ASC 606-10-50-5), from the GL",
            description = "groupBy: any of period, type, customer, contract (comma separated; default period,type)")
    public ContractReports.Disaggregation revenue(@RequestParam String from, @RequestParam String to,
                                                  @RequestParam(defaultValue = "period,type") String groupBy,
                                                  @RequestParam(required = false) String customer) {
        List<String> groups = Arrays.stream(groupBy.split(",")).map(String::trim).toList();
        for (String g : groups) {
            if (!REVENUE_GROUPS.contains(g)) {
                throw new InvalidParameterException("groupBy", "any of " + REVENUE_GROUPS);
            }
        }
        YearMonth f = month("from", from);
        YearMonth t = month("to", to);
        if (t.isBefore(f)) {
            throw new InvalidParameterException("to", "must not be before from");
        }
        return reports.revenue(f, t, groups, id("customer", customer));
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Instant knownAt(Instant knownAt, String knownAtClose) {
        if (knownAtClose == null) {
            return dev.tokenledger.adapters.platform.KnownAt.within("knownAt", knownAt);
        }
        if (knownAt != null) {
            throw new InvalidParameterException("knownAtClose", "give knownAt or knownAtClose, not both");
        }
        String period = dev.tokenledger.periods.PeriodIds.parse(knownAtClose, "knownAtClose").toString();
        return ledger.periods().stream().filter(p -> p.period().equals(period) && "CLOSED".equals(p.status()))
                .map(dev.tokenledger.projections.reports.PeriodRow::changedAt).findFirst()
                .orElseThrow(() -> new InvalidParameterException("knownAtClose", "period " + period + " is not closed"));
    }

    private static YearMonth month(String name, String text) {
        try {
            YearMonth m = YearMonth.parse(text);
            if (m.getYear() < 1970 || m.getYear() > 2199) {
                throw new InvalidParameterException(name, "a month from 1970-01 to 2199-12");
            }
            return m;
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidParameterException(name, "give the month as YYYY-MM");
        }
    }

    private static LocalDate within(LocalDate date) {
        if (date.isBefore(dev.tokenledger.kernel.Limits.EARLIEST_DATE) || date.isAfter(dev.tokenledger.kernel.Limits.LATEST_DATE)) {
            throw new InvalidParameterException("asOf", "a date from 1970-01-01 to 2199-12-31");
        }
        return date;
    }

    private static String id(String name, String value) {
        if (value != null && !dev.tokenledger.kernel.Limits.CLIENT_ID.matcher(value).matches()) {
            throw new InvalidParameterException(name, "1-80 letters, digits, '.', '_' or '-'");
        }
        return value;
    }

    private static LedgerRejection unknown(String contractId) {
        return LedgerRejection.of(RejectionCode.UNKNOWN_CONTRACT, "contractId", "no contract " + contractId);
    }

    private static ResponseEntity<ContractService.Outcome> respond(ContractService.Outcome outcome) {
        return ResponseEntity.status(outcome.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(outcome);
    }
}
