package dev.tokenledger.projections.journal;

import dev.tokenledger.journal.EntryDigest;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.projections.BatchBuffer;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.jooq.DSLContext;
import org.jooq.Record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.tokenledger.projections.journal.JournalChainTables.Chain;

/**
 * Appends each journal entry to the hash chain (README "Tamper evidence") the first time the ledger projects it, in
 * event-store order. Not a projection: there is no reset handler, and an entry already chained (a rebuild replays
 * it) is left as it was first recorded, so the chain keeps saying what the ledger saw.
 */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class JournalChainProjection {

    private static final String BUFFER = JournalChainProjection.class.getName();

    private final DSLContext db;
    /** The chain's head: last sequence, hash and event-store position; null until read from the table. */
    private volatile Head head;

    record Head(long seq, String hash, long globalIndex) {
    }

    public JournalChainProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(PostsJournalEntry event, @Timestamp Instant recordedAt, TrackingToken token) {
        PostedEntry entry = event.journalEntry();
        if (entry == null) {
            return;
        }
        long globalIndex = token.position().orElse(-1L);
        Head current = head();
        if (globalIndex <= current.globalIndex()) {
            return; // chained when first recorded; a replay never rewrites it
        }
        String content = EntryDigest.contentHash(entry);
        Head next = new Head(current.seq() + 1, EntryDigest.chain(current.hash(), content), globalIndex);
        head = next;
        Object[] row = {next.seq(), entry.entryId(), globalIndex, content, next.hash(), recordedAt.atOffset(ZoneOffset.UTC)};
        BatchBuffer.write(BUFFER, ArrayList<Object[]>::new, rows -> rows.add(row), this::flush);
    }

    private Head head() {
        Head known = head;
        if (known == null) {
            Record last = db.select(Chain.SEQ, Chain.CHAIN_HASH, Chain.GLOBAL_INDEX).from(Chain.TABLE)
                    .orderBy(Chain.SEQ.desc()).limit(1).fetchOne();
            known = last == null ? new Head(0, EntryDigest.GENESIS, -1)
                    : new Head(last.get(Chain.SEQ), last.get(Chain.CHAIN_HASH), last.get(Chain.GLOBAL_INDEX));
            head = known;
        }
        if (CurrentUnitOfWork.isStarted()) {
            // a batch that rolls back takes its chain rows with it: read the head again from the table
            var root = CurrentUnitOfWork.get().root();
            root.getOrComputeResource(BUFFER + ".rollback", k -> {
                root.onRollback(u -> head = null);
                return Boolean.TRUE;
            });
        }
        return known;
    }

    private void flush(List<Object[]> rows) {
        var batch = db.batch(db.insertInto(Chain.TABLE, Chain.SEQ, Chain.ENTRY_ID, Chain.GLOBAL_INDEX, Chain.CONTENT_HASH,
                Chain.CHAIN_HASH, Chain.RECORDED_AT).values((Long) null, null, null, null, null, null));
        for (Object[] row : rows) {
            batch = batch.bind(row);
        }
        batch.execute();
    }
}
