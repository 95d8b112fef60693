package dev.tokenledger.projections.exports;

import dev.tokenledger.exportlog.ErpExportRecorded;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The ERP export log: every file sent, and whether it was the first, a repeat or a correction. */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class ErpExportLogProjection {

    static final Table<Record> TABLE = DSL.table(DSL.name("erp_export_log"));
    static final Field<String> ERP = DSL.field(DSL.name("erp_export_log", "erp"), SQLDataType.VARCHAR);
    static final Field<String> PERIOD = DSL.field(DSL.name("erp_export_log", "period"), SQLDataType.VARCHAR);
    static final Field<String> CURRENCY = DSL.field(DSL.name("erp_export_log", "currency"), SQLDataType.VARCHAR);
    static final Field<String> DIMENSIONS = DSL.field(DSL.name("erp_export_log", "dimensions"), SQLDataType.VARCHAR);
    static final Field<Integer> SEQUENCE = DSL.field(DSL.name("erp_export_log", "sequence"), SQLDataType.INTEGER);
    static final Field<String> KIND = DSL.field(DSL.name("erp_export_log", "kind"), SQLDataType.VARCHAR);
    static final Field<Integer> LINES = DSL.field(DSL.name("erp_export_log", "lines"), SQLDataType.INTEGER);
    static final Field<String> CONTENT_HASH = DSL.field(DSL.name("erp_export_log", "content_hash"), SQLDataType.CHAR);
    static final Field<String> EXPORTED_BY = DSL.field(DSL.name("erp_export_log", "exported_by"), SQLDataType.VARCHAR);
    static final Field<OffsetDateTime> RECORDED_AT = DSL.field(DSL.name("erp_export_log", "recorded_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);

    private final DSLContext db;

    public ErpExportLogProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(ErpExportRecorded e, @Timestamp Instant at) {
        db.insertInto(TABLE).set(ERP, e.erp().name()).set(PERIOD, e.period().toString()).set(CURRENCY, e.currency())
                .set(DIMENSIONS, String.join(",", e.dimensions())).set(SEQUENCE, e.sequence()).set(KIND, e.kind().name())
                .set(LINES, e.lines().size()).set(CONTENT_HASH, e.contentHash()).set(EXPORTED_BY, e.exportedBy())
                .set(RECORDED_AT, at.atOffset(ZoneOffset.UTC)).execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(TABLE).execute();
    }

    public record LogRow(String erp, String period, String currency, String dimensions, int sequence, String kind,
                         int lines, String contentHash, String exportedBy, Instant recordedAt) {
    }

    public List<LogRow> log(String erp) {
        return db.select(ERP, PERIOD, CURRENCY, DIMENSIONS, SEQUENCE, KIND, LINES, CONTENT_HASH, EXPORTED_BY, RECORDED_AT)
                .from(TABLE).where(erp == null ? DSL.trueCondition() : ERP.eq(erp))
                .orderBy(ERP, PERIOD, CURRENCY, DIMENSIONS, SEQUENCE)
                .fetch(r -> new LogRow(r.get(ERP), r.get(PERIOD), r.get(CURRENCY), r.get(DIMENSIONS), r.get(SEQUENCE),
                        r.get(KIND), r.get(LINES), r.get(CONTENT_HASH), r.get(EXPORTED_BY), r.get(RECORDED_AT).toInstant()));
    }
}
