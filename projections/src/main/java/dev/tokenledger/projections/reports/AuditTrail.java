package dev.tokenledger.projections.reports;

import java.time.Instant;
import java.util.List;

/** Everything an auditor needs to trace one entry back to the command and person behind it. */
public record AuditTrail(String entryId, List<GeneralLedgerLine> lines, List<Step> steps) {

    /**
     * One event that touched the entry.
     *
     * @param event the event as stored in the event store (payload and metadata, JSON)
     */
    public record Step(String eventIdentifier, String eventType, String aggregateIdentifier, Long sequenceNumber,
                       Long globalIndex, String commandName, String commandId, String principal,
                       String correlationId, String traceId, String clientCorrelationId, String policyVersion, String inputHash,
                       Instant recordedAt, StoredEvent event) {
    }

    /** An event as stored: its payload and metadata are the JSON texts the event store holds. */
    public record StoredEvent(String payloadType, String payloadRevision, String payload, String metaData,
                              String timestamp, Long globalIndex, String aggregateIdentifier) {
    }
}
