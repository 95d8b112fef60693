package dev.tokenledger.adapters.projections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tokenledger.operations.EventExcludedFromProjections;
import dev.tokenledger.operations.ExcludeEventFromProjections;
import dev.tokenledger.operations.ProjectionDecisions;
import dev.tokenledger.projections.reports.AuditTrail;
import dev.tokenledger.projections.reports.LedgerReports;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Collection;
import java.util.List;

@RestController
@Tag(name = "Administration", description = "Projection status, failures and their resolution, rebuild from the event store")
public class ProjectionAdminController {

    private final ProjectionMonitor monitor;
    private final ProjectionRebuilder rebuilder;
    private final ProjectionExclusions exclusions;
    private final LedgerReports reports;
    private final CommandGateway commands;
    private final ObjectMapper json;

    public ProjectionAdminController(ProjectionMonitor monitor, ProjectionRebuilder rebuilder,
                                     ProjectionExclusions exclusions, LedgerReports reports, CommandGateway commands,
                                     ObjectMapper json) {
        this.monitor = monitor;
        this.rebuilder = rebuilder;
        this.exclusions = exclusions;
        this.reports = reports;
        this.commands = commands;
        this.json = json;
    }

    @GetMapping("/api/v1/admin/projections")
    @Operation(summary = "Each projection processor's position, lag, rebuild progress and failure (event, handler, error)")
    public ProjectionsView status() {
        return new ProjectionsView(monitor.readPosition(), monitor.status(), rebuilder.lastRebuild(),
                exclusions.excluded().values());
    }

    @PostMapping("/api/v1/admin/projections/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Drop and rebuild every projection from the event store (ADMIN); follow progress with GET")
    public ProjectionsView rebuild() {
        ProjectionRebuilder.Rebuild rebuild = rebuilder.rebuildInBackground();
        return new ProjectionsView(monitor.readPosition(), monitor.status(), rebuild, exclusions.excluded().values());
    }

    @PostMapping("/api/v1/admin/projections/retry")
    @Operation(summary = "Retry a failing projection now, after the cause was fixed (ADMIN): restarts the processors "
            + "without waiting for their back-off; nothing is skipped")
    public ProjectionsView retry() {
        monitor.restartProcessors();
        return status();
    }

    @GetMapping("/api/v1/admin/events/{eventIdentifier}")
    @Operation(summary = "One stored event, exactly as the event store holds it (to inspect an event that fails to project)")
    public StoredEventView event(@PathVariable String eventIdentifier) {
        AuditTrail.StoredEvent stored = reports.storedEvent(eventIdentifier);
        if (stored == null) {
            throw LedgerRejection.of(RejectionCode.ENTRY_NOT_FOUND, "eventIdentifier", "no stored event " + eventIdentifier);
        }
        return StoredEventView.of(stored, json);
    }

    public record ExclusionRequest(String requestId, String eventIdentifier, String reason) {
    }

    @PostMapping("/api/v1/admin/projections/exclusions")
    @Operation(summary = "Leave the event the projections are failing on out of them, for a stated reason (ADMIN)",
            description = "The last resort when the event cannot be stored and no fix is possible. The decision is an "
                    + "event in the event store (audited: who, when, why); the failing event itself stays there "
                    + "untouched. Reports say that events are excluded, and a rebuild leaves out exactly the same ones. "
                    + "Only the event currently failing can be excluded.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    value = "{\"requestId\":\"exclude-2026-03-01\",\"eventIdentifier\":\"3f1c2a9e-0b7d-4c3e-9a51-2d6f8e4b7c10\","
                            + "\"reason\":\"INC-1423: the memo holds a character the database cannot store; the entry "
                            + "is re-posted as JE-2026-0311\"}"))))
    public ResponseEntity<ProjectionDecisions.Decided> exclude(@RequestBody ExclusionRequest request) {
        AuditTrail.StoredEvent stored = request.eventIdentifier() == null ? null : reports.storedEvent(request.eventIdentifier());
        boolean failing = monitor.status().stream().map(ProjectionMonitor.ProcessorStatus::failure)
                .anyMatch(f -> f != null && request.eventIdentifier() != null && request.eventIdentifier().equals(f.eventIdentifier()));
        if (stored == null || (!failing && !exclusions.excluded().containsKey(request.eventIdentifier()))) {
            throw LedgerRejection.of(RejectionCode.EVENT_NOT_FAILING, "eventIdentifier", "event "
                    + request.eventIdentifier() + " is not the one the projections are failing on; see GET /api/v1/admin/projections");
        }
        ProjectionDecisions.Decided decided = commands.sendAndWait(new ExcludeEventFromProjections(request.requestId(),
                request.eventIdentifier(), stored.globalIndex(), request.reason()));
        exclusions.reload();
        monitor.restartProcessors();
        return ResponseEntity.status(decided.alreadyApplied() ? HttpStatus.OK : HttpStatus.CREATED).body(decided);
    }

    public record ProjectionsView(ProjectionMonitor.ReadPosition readPosition,
                                  List<ProjectionMonitor.ProcessorStatus> processors,
                                  ProjectionRebuilder.Rebuild lastRebuild,
                                  Collection<EventExcludedFromProjections> excludedEvents) {
    }

    /** A stored event with its payload and metadata as JSON objects (as stored: never re-serialised). */
    public record StoredEventView(String payloadType, String payloadRevision, Long globalIndex, String aggregateIdentifier,
                                  String timestamp, JsonNode payload, JsonNode metaData) {

        public static StoredEventView of(AuditTrail.StoredEvent stored, ObjectMapper json) {
            return new StoredEventView(stored.payloadType(), stored.payloadRevision(), stored.globalIndex(),
                    stored.aggregateIdentifier(), stored.timestamp(), tree(json, stored.payload()), tree(json, stored.metaData()));
        }

        private static JsonNode tree(ObjectMapper json, String text) {
            try {
                return text == null ? null : json.readTree(text);
            } catch (Exception e) {
                return json.getNodeFactory().textNode(text);
            }
        }
    }
}
