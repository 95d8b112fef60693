package dev.tokenledger.projections.audit;

import dev.tokenledger.journal.JournalEntryReversed;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.periods.PeriodClosed;
import dev.tokenledger.periods.PeriodIds;
import dev.tokenledger.periods.PeriodReopened;
import dev.tokenledger.projections.BatchBuffer;
import dev.tokenledger.projections.EventMetadata;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;

import java.time.ZoneOffset;

import static dev.tokenledger.projections.LedgerTables.AuditRecord;

/**
 * One row per event that touched an entry or a period: which event, which command caused it, who issued it,
 * when, the correlation id and the policy version.
 */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class AuditTrailProjection {

    private static final String BUFFER = AuditTrailProjection.class.getName();

    private final DSLContext db;

    public AuditTrailProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(PostsJournalEntry event, EventMessage<?> message, TrackingToken token) {
        if (event.journalEntry() == null) {
            return;
        }
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
        Object[] row = {subjectType, subjectId, message.getIdentifier(), message.getPayloadType().getSimpleName(),
                domain == null ? null : domain.getAggregateIdentifier(), domain == null ? null : domain.getSequenceNumber(),
                token.position().orElse(-1L), EventMetadata.text(meta.get(EventMetadata.COMMAND_NAME)),
                EventMetadata.text(meta.get(EventMetadata.COMMAND_ID)), EventMetadata.text(meta.get(EventMetadata.PRINCIPAL)),
                EventMetadata.text(meta.get(EventMetadata.CORRELATION_ID)), EventMetadata.text(meta.get(EventMetadata.TRACE_ID)),
                EventMetadata.text(meta.get(EventMetadata.CLIENT_CORRELATION_ID)), policyVersion, inputHash,
                message.getTimestamp().atOffset(ZoneOffset.UTC)};
        BatchBuffer.write(BUFFER, ArrayList<Object[]>::new, rows -> rows.add(row), this::flush);
    }

    private void flush(List<Object[]> rows) {
        BatchBindStep batch = db.batch(db.insertInto(AuditRecord.TABLE, AuditRecord.SUBJECT_TYPE, AuditRecord.SUBJECT_ID,
                        AuditRecord.EVENT_IDENTIFIER, AuditRecord.EVENT_TYPE, AuditRecord.AGGREGATE_IDENTIFIER,
                        AuditRecord.SEQUENCE_NUMBER, AuditRecord.GLOBAL_INDEX, AuditRecord.COMMAND_NAME,
                        AuditRecord.COMMAND_ID, AuditRecord.PRINCIPAL, AuditRecord.CORRELATION_ID, AuditRecord.TRACE_ID,
                        AuditRecord.CLIENT_CORRELATION_ID, AuditRecord.POLICY_VERSION, AuditRecord.INPUT_HASH,
                        AuditRecord.RECORDED_AT)
                .values((String) null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null));
        for (Object[] row : rows) {
            batch = batch.bind(row);
        }
        batch.execute();
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
