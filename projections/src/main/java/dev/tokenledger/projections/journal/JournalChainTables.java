package dev.tokenledger.projections.journal;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.time.OffsetDateTime;

/** The journal chain (Flyway V14): source data, append-only. */
public final class JournalChainTables {

    private JournalChainTables() {
    }

    public static final class Chain {
        public static final Table<Record> TABLE = DSL.table(DSL.name("journal_chain"));
        public static final Field<Long> SEQ = DSL.field(DSL.name("journal_chain", "seq"), SQLDataType.BIGINT);
        public static final Field<String> ENTRY_ID = DSL.field(DSL.name("journal_chain", "entry_id"), SQLDataType.VARCHAR);
        public static final Field<Long> GLOBAL_INDEX = DSL.field(DSL.name("journal_chain", "global_index"), SQLDataType.BIGINT);
        public static final Field<String> CONTENT_HASH = DSL.field(DSL.name("journal_chain", "content_hash"), SQLDataType.CHAR);
        public static final Field<String> CHAIN_HASH = DSL.field(DSL.name("journal_chain", "chain_hash"), SQLDataType.CHAR);
        public static final Field<OffsetDateTime> RECORDED_AT = DSL.field(DSL.name("journal_chain", "recorded_at"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    }
}
