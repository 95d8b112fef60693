package dev.tokenledger.adapters.usage;

import dev.tokenledger.rejection.RejectionCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tokenledger.adapters.platform.ApiExamples;
import dev.tokenledger.adapters.platform.InvalidParameterException;
import dev.tokenledger.adapters.usageledger.UsageLedger;
import dev.tokenledger.projections.usage.UsageReports;
import dev.tokenledger.usage.PricingCatalog;
import dev.tokenledger.usage.PricingCatalogBook;
import dev.tokenledger.usage.PublishCostCard;
import dev.tokenledger.usage.PublishRateCard;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RestController
@Tag(name = "Usage", description = "Usage records, rate and cost cards, usage and margin reports")
public class UsageController {

    static final String CLOUD_EVENTS_BATCH = "application/cloudevents-batch+json";

    private final UsageIngestion ingestion;
    private final UsageRecordParser parser;
    private final CommandGateway commands;
    private final PricingCatalogBook catalog;
    private final UsageReports reports;
    private final UsageLedger ledger;
    private final int maxBatchRecords;

    public UsageController(UsageIngestion ingestion, CommandGateway commands, PricingCatalogBook catalog,
                           UsageReports reports, UsageLedger ledger, @Value("${ledger.reporting-zone:UTC}") String reportingZone,
                           @Value("${ledger.usage.max-batch-records:10000}") int maxBatchRecords) {
        this.ingestion = ingestion;
        this.parser = new UsageRecordParser(ZoneId.of(reportingZone));
        this.commands = commands;
        this.catalog = catalog;
        this.reports = reports;
        this.ledger = ledger;
        this.maxBatchRecords = maxBatchRecords;
    }

    @PostMapping(path = "/api/v1/usage", consumes = {"application/json", CLOUD_EVENTS_BATCH})
    @Operation(summary = "Ingest a batch of usage records, exactly once",
            description = "Body: {\"records\": [...]} (or a bare array) with application/json, or a CloudEvents 1.0 "
                    + "JSON batch with application/cloudevents-batch+json. Each record is accepted, counted as a "
                    + "duplicate (same id, same content: nothing changes) or rejected alone with a code and field; "
                    + "the rest of the batch proceeds. Answers 200 with the counts whenever the body was readable.")
    public UsageIngestion.BatchResult ingest(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = {
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples =
                    @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.USAGE)),
            @io.swagger.v3.oas.annotations.media.Content(mediaType = CLOUD_EVENTS_BATCH, examples =
                    @io.swagger.v3.oas.annotations.media.ExampleObject(value = ApiExamples.CLOUD_EVENTS_USAGE))})
                                             @RequestBody JsonNode body,
                                             @RequestHeader(value = "Content-Type", required = false) String contentType) {
        boolean cloudEvents = contentType != null && contentType.startsWith(CLOUD_EVENTS_BATCH);
        JsonNode records = body.isArray() ? body : body.get("records");
        if (records == null || !records.isArray() || (!body.isArray() && body.size() != 1)) {
            throw new InvalidParameterException("records", cloudEvents
                    ? "a CloudEvents batch is a JSON array of events"
                    : "send {\"records\": [ ... ]} or a JSON array of records");
        }
        if (records.size() > maxBatchRecords) {
            throw new InvalidParameterException("records", "at most " + maxBatchRecords + " records per request, got "
                    + records.size() + "; split the batch (or use the file import)");
        }
        List<UsageRecordParser.Parsed> parsed = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            UsageJson.Read read = cloudEvents ? UsageJson.cloudEvent(i, records.get(i)) : UsageJson.record(i, records.get(i));
            parsed.add(read.rejection() != null
                    ? new UsageRecordParser.Parsed(i, null, null, null, read.rejection())
                    : parser.parse(read.raw()));
        }
        UsageIngestion.BatchResult result = ingestion.ingest(parsed);
        String prefix = cloudEvents ? "" : "records";
        return new UsageIngestion.BatchResult(result.batchId(), result.received(), result.accepted(), result.duplicates(),
                result.rejected().stream().map(r -> new UsageIngestion.Rejection(r.position(), r.id(), r.code(),
                        prefix + "[" + r.position() + "]" + (r.field().isEmpty() ? "" : "." + r.field()), r.detail())).toList(),
                result.postings());
    }

    @GetMapping("/api/v1/usage/records/{recordId}")
    @Operation(summary = "One usage record as the usage ledger keeps it: price, cost, cards used, posting, journal entry")
    public UsageLedger.UsageRecordView record(@PathVariable String recordId) {
        return ledger.record(recordId).orElseThrow(() -> dev.tokenledger.rejection.LedgerRejection.of(
                RejectionCode.UNKNOWN_USAGE_RECORD, "recordId", "no accepted usage record has id " + recordId));
    }

    @GetMapping("/api/v1/usage/postings")
    @Operation(summary = "The usage postings of a journal entry (entryId=) or a posting (postingId=): GL line to records")
    public List<UsageReports.PostingView> postings(@RequestParam(required = false) String entryId,
                                                   @RequestParam(required = false) String postingId) {
        if ((entryId == null) == (postingId == null)) {
            throw new InvalidParameterException("entryId", "give entryId or postingId");
        }
        return reports.postings(entryId, postingId);
    }

    @GetMapping("/api/v1/usage/postings/{postingId}/records")
    @Operation(summary = "The usage records a posting carried, in time order (paged)")
    public List<UsageLedger.UsageRecordView> recordsOfPosting(@PathVariable String postingId,
                                                               @RequestParam(required = false) String customerId,
                                                               @RequestParam(defaultValue = "100") int limit,
                                                               @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 10_000) {
            throw new InvalidParameterException("limit", "between 1 and 10000");
        }
        if (offset < 0) {
            throw new InvalidParameterException("offset", "must not be negative");
        }
        return ledger.recordsOfPosting(postingId, customerId, limit, offset);
    }

    // --- rate and cost cards -------------------------------------------------------------------------------

    @PostMapping("/api/v1/rate-cards")
    @Operation(summary = "Publish a rate card version (versions follow each other; same version, same content = no-op)")
    public ResponseEntity<PricingCatalog.Published> publishRateCard(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(
                    value = ApiExamples.RATE_CARD))) @RequestBody PublishRateCard card) {
        PricingCatalog.Published published = commands.sendAndWait(card);
        return ResponseEntity.status(published.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(published);
    }

    @PostMapping("/api/v1/cost-cards")
    @Operation(summary = "Publish a cost card version: a provider's unit costs per model, COMPUTE or THIRD_PARTY")
    public ResponseEntity<PricingCatalog.Published> publishCostCard(@io.swagger.v3.oas.annotations.parameters.RequestBody(
            content = @io.swagger.v3.oas.annotations.media.Content(examples = @io.swagger.v3.oas.annotations.media.ExampleObject(
                    value = ApiExamples.COST_CARD))) @RequestBody PublishCostCard card) {
        PricingCatalog.Published published = commands.sendAndWait(card);
        return ResponseEntity.status(published.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(published);
    }

    @GetMapping("/api/v1/rate-cards")
    @Operation(summary = "Every version of every rate card")
    public List<dev.tokenledger.usage.RateCard> rateCards() {
        return catalog.current().allRateCards();
    }

    @GetMapping("/api/v1/cost-cards")
    @Operation(summary = "Every version of every cost card")
    public List<dev.tokenledger.usage.CostCard> costCards() {
        return catalog.current().allCostCards();
    }

    // --- reports -------------------------------------------------------------------------------------------

    @GetMapping("/api/v1/reports/usage-margin")
    @Operation(summary = "Usage and margin by period, customer, model and feature",
            description = "Tokens, revenue, direct cost, allocated infrastructure, fully loaded cost, margin, margin % "
                    + "and margin per million tokens (minor units); groupBy any of period,customer,model,feature.")
    public UsageReports.MarginReport margin(@RequestParam String from, @RequestParam String to,
                                            @RequestParam(defaultValue = "period,model") String groupBy,
                                            @RequestParam(required = false) String customer,
                                            @RequestParam(required = false) String model) {
        Set<UsageReports.Dimension> dimensions = EnumSet.noneOf(UsageReports.Dimension.class);
        for (String d : groupBy.split(",")) {
            if (d.isBlank()) {
                continue;
            }
            try {
                dimensions.add(UsageReports.Dimension.valueOf(d.strip().toUpperCase()));
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException("groupBy", "any of period, customer, model, feature");
            }
        }
        return reports.margin(month("from", from), month("to", to), dimensions, customer, model);
    }

    @GetMapping("/api/v1/reports/usage-ties")
    @Operation(summary = "The usage ledger against the general ledger, to the cent, and its records against its postings"
            + " (records summed from the monthly totals written with their blocks; verifyBlocks=true sums every block)")
    public Map<String, Object> ties(@RequestParam String from, @RequestParam String to,
                                    @RequestParam(defaultValue = "false") boolean verifyBlocks) {
        YearMonth f = month("from", from);
        YearMonth t = month("to", to);
        var ties = reports.ties(f, t);
        var recordTies = ledger.recordTies(f, t, verifyBlocks);
        // verifyBlocks also proves the monthly totals the plain tie reads: they must equal the blocks they sum.
        var monthlyTotalsNotEqualToBlocks = verifyBlocks ? ledger.monthlyTotalsNotEqualToBlocks(f, t) : List.<String>of();
        var body = new LinkedHashMap<String, Object>();
        body.put("from", f.toString());
        body.put("to", t.toString());
        body.put("tiesToGeneralLedger", ties.stream().allMatch(UsageReports.Tie::ties)
                && recordTies.stream().allMatch(UsageLedger.RecordTie::ties) && monthlyTotalsNotEqualToBlocks.isEmpty());
        body.put("recordsSummedFrom", verifyBlocks ? "blocks" : "monthlyTotals");
        if (verifyBlocks) {
            body.put("monthlyTotalsEqualBlocks", monthlyTotalsNotEqualToBlocks.isEmpty());
            body.put("monthlyTotalsNotEqualToBlocks", monthlyTotalsNotEqualToBlocks);
        }
        body.put("generalLedger", ties);
        body.put("records", recordTies);
        return body;
    }

    static YearMonth month(String field, String value) {
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(field, "a month YYYY-MM");
        }
    }
}
