package dev.tokenledger.projections.periods;

import dev.tokenledger.periods.PeriodClosed;
import dev.tokenledger.periods.PeriodReopened;
import dev.tokenledger.projections.EventMetadata;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import static dev.tokenledger.projections.LedgerTables.PeriodStatus;

/** The list of periods that were ever closed, with their current status (for reading; posting asks the event store). */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class PeriodStatusProjection {

    private final DSLContext db;

    public PeriodStatusProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(PeriodClosed event, @Timestamp Instant at, @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        upsert(event.period(), "CLOSED", null, principal, at);
    }

    @EventHandler
    void on(PeriodReopened event, @Timestamp Instant at, @MetaDataValue(EventMetadata.PRINCIPAL) String principal) {
        upsert(event.period(), "OPEN", event.reason(), principal, at);
    }

    private void upsert(YearMonth period, String status, String reason, String principal, Instant at) {
        db.insertInto(PeriodStatus.TABLE)
                .set(PeriodStatus.PERIOD, period.toString())
                .set(PeriodStatus.STATUS, status)
                .set(PeriodStatus.LAST_REASON, reason)
                .set(PeriodStatus.CHANGED_BY, principal)
                .set(PeriodStatus.CHANGED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflict(PeriodStatus.PERIOD)
                .doUpdate()
                .set(PeriodStatus.STATUS, status)
                .set(PeriodStatus.LAST_REASON, reason)
                .set(PeriodStatus.CHANGED_BY, principal)
                .set(PeriodStatus.CHANGED_AT, at.atOffset(ZoneOffset.UTC))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(PeriodStatus.TABLE).execute();
    }
}
