package dev.tokenledger.projections.audit;

import dev.tokenledger.journal.JournalEntryReversed;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.periods.PeriodClosed;
import dev.tokenledger.periods.PeriodIds;
import dev.tokenledger.periods.PeriodReopened;
import dev.tokenledger.projections.EventMetadata;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.jooq.DSLContext;

import java.time.ZoneOffset;

import static dev.tokenledger.projections.LedgerTables.AuditRecord;

/**
 * One row per event that touched an entry or a period: which event, which command caused it, who issued it,
 * when, the correlation id and the policy version.
 */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class AuditTrailProjection {

    private final DSLContext db;

    public AuditTrailProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(PostsJournalEntry event, EventMessage<?> message, TrackingToken token) {
        record("JOURNAL_ENTRY", event.journalEntry().entryId(), event.journalEntry().policyVersion(),
                inputHashOf(event), message, token);
    }

    @EventHandler
    void on(JournalEntryReversed event, EventMessage<?> message, TrackingToken token) {
        record("JOURNAL_ENTRY", event.entryId(), null, event.inputHash(), message, token);
    }

    @EventHandler
    void on(PeriodClosed event, EventMessage<?> message, TrackingToken token) {
        record("PERIOD", PeriodIds.aggregateId(event.period()), null, event.inputHash(), message, token);
    }

    @EventHandler
    void on(PeriodReopened event, EventMessage<?> message, TrackingToken token) {
        record("PERIOD", PeriodIds.aggregateId(event.period()), null, event.inputHash(), message, token);
    }

    private void record(String subjectType, String subjectId, String policyVersion, String inputHash,
                        EventMessage<?> message, TrackingToken token) {
        MetaData meta = message.getMetaData();
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        db.insertInto(AuditRecord.TABLE)
                .set(AuditRecord.SUBJECT_TYPE, subjectType)
                .set(AuditRecord.SUBJECT_ID, subjectId)
                .set(AuditRecord.EVENT_IDENTIFIER, message.getIdentifier())
                .set(AuditRecord.EVENT_TYPE, message.getPayloadType().getSimpleName())
                .set(AuditRecord.AGGREGATE_IDENTIFIER, domain == null ? null : domain.getAggregateIdentifier())
                .set(AuditRecord.SEQUENCE_NUMBER, domain == null ? null : domain.getSequenceNumber())
                .set(AuditRecord.GLOBAL_INDEX, token.position().orElse(-1L))
                .set(AuditRecord.COMMAND_NAME, EventMetadata.text(meta.get(EventMetadata.COMMAND_NAME)))
                .set(AuditRecord.COMMAND_ID, EventMetadata.text(meta.get(EventMetadata.COMMAND_ID)))
                .set(AuditRecord.PRINCIPAL, EventMetadata.text(meta.get(EventMetadata.PRINCIPAL)))
                .set(AuditRecord.CORRELATION_ID, EventMetadata.text(meta.get(EventMetadata.CORRELATION_ID)))
                .set(AuditRecord.TRACE_ID, EventMetadata.text(meta.get(EventMetadata.TRACE_ID)))
                .set(AuditRecord.CLIENT_CORRELATION_ID, EventMetadata.text(meta.get(EventMetadata.CLIENT_CORRELATION_ID)))
                .set(AuditRecord.POLICY_VERSION, policyVersion)
                .set(AuditRecord.INPUT_HASH, inputHash)
                .set(AuditRecord.RECORDED_AT, message.getTimestamp().atOffset(ZoneOffset.UTC))
                .execute();
    }

    private static String inputHashOf(PostsJournalEntry event) {
        if (event instanceof dev.tokenledger.journal.ManualEntryPosted m) {
            return m.inputHash();
        }
        if (event instanceof dev.tokenledger.journal.ReversalEntryPosted r) {
            return r.inputHash();
        }
        return null;
    }

    @ResetHandler
    void reset() {
        db.truncate(AuditRecord.TABLE).execute();
    }
}
