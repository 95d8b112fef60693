package dev.tokenledger.projections.journal;

import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.JournalEntryReversed;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.jooq.DSLContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static dev.tokenledger.projections.LedgerTables.AccountBalance;
import static dev.tokenledger.projections.LedgerTables.GlEntry;
import static dev.tokenledger.projections.LedgerTables.GlLine;

/**
 * Folds every event that posts a journal entry into the general ledger (entries and lines) and the running
 * balances by account and dimension. Rebuildable: a reset truncates its tables and the replay refills them.
 */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class GeneralLedgerProjection {

    private final DSLContext db;

    public GeneralLedgerProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    void on(PostsJournalEntry event, EventMessage<?> message, @Timestamp Instant recordedAt, TrackingToken token) {
        PostedEntry entry = event.journalEntry();
        OffsetDateTime recorded = recordedAt.atOffset(ZoneOffset.UTC);
        long globalIndex = token.position().orElse(-1L);
        db.insertInto(GlEntry.TABLE)
                .set(GlEntry.ENTRY_ID, entry.entryId())
                .set(GlEntry.KIND, entry.kind().name())
                .set(GlEntry.EFFECTIVE_DATE, entry.effectiveDate())
                .set(GlEntry.POSTING_DATE, entry.postingDate())
                .set(GlEntry.PRIOR_PERIOD, entry.priorPeriod())
                .set(GlEntry.MEMO, entry.memo())
                .set(GlEntry.REASON, entry.reason())
                .set(GlEntry.POLICY_VERSION, entry.policyVersion())
                .set(GlEntry.REVERSES_ENTRY_ID, entry.reversesEntryId())
                .set(GlEntry.SOURCE_EVENT_TYPE, message.getPayloadType().getSimpleName())
                .set(GlEntry.RECORDED_AT, recorded)
                .set(GlEntry.GLOBAL_INDEX, globalIndex)
                .execute();

        int lineNo = 0;
        for (JournalLine line : entry.lines()) {
            insertLine(entry, line, ++lineNo, recorded, globalIndex);
            addToBalance(line);
        }
    }

    private void insertLine(PostedEntry entry, JournalLine line, int lineNo, OffsetDateTime recorded, long globalIndex) {
        long minor = line.amount().minorUnits();
        Dimensions d = line.dimensions();
        db.insertInto(GlLine.TABLE)
                .set(GlLine.ENTRY_ID, entry.entryId())
                .set(GlLine.LINE_NO, lineNo)
                .set(GlLine.ACCOUNT_CODE, line.accountCode())
                .set(GlLine.SIDE, line.side().name())
                .set(GlLine.CURRENCY, line.amount().currency().getCurrencyCode())
                .set(GlLine.DEBIT_MINOR, line.side() == Side.DEBIT ? minor : 0L)
                .set(GlLine.CREDIT_MINOR, line.side() == Side.CREDIT ? minor : 0L)
                .set(GlLine.CUSTOMER, d.customer())
                .set(GlLine.CONTRACT, d.contract())
                .set(GlLine.CREDIT_POOL, d.creditPool())
                .set(GlLine.MODEL, d.model())
                .set(GlLine.FEATURE, d.feature())
                .set(GlLine.PRODUCT, d.product())
                .set(GlLine.EFFECTIVE_DATE, entry.effectiveDate())
                .set(GlLine.POSTING_DATE, entry.postingDate())
                .set(GlLine.RECORDED_AT, recorded)
                .set(GlLine.GLOBAL_INDEX, globalIndex)
                .execute();
    }

    /** Atomic increment, so parallel segments updating the same account never lose an update. */
    private void addToBalance(JournalLine line) {
        long minor = line.amount().minorUnits();
        long debit = line.side() == Side.DEBIT ? minor : 0L;
        long credit = line.side() == Side.CREDIT ? minor : 0L;
        Dimensions d = line.dimensions();
        db.insertInto(AccountBalance.TABLE)
                .set(AccountBalance.ACCOUNT_CODE, line.accountCode())
                .set(AccountBalance.CURRENCY, line.amount().currency().getCurrencyCode())
                .set(AccountBalance.CUSTOMER, orEmpty(d.customer()))
                .set(AccountBalance.CONTRACT, orEmpty(d.contract()))
                .set(AccountBalance.CREDIT_POOL, orEmpty(d.creditPool()))
                .set(AccountBalance.MODEL, orEmpty(d.model()))
                .set(AccountBalance.FEATURE, orEmpty(d.feature()))
                .set(AccountBalance.PRODUCT, orEmpty(d.product()))
                .set(AccountBalance.DEBIT_MINOR, debit)
                .set(AccountBalance.CREDIT_MINOR, credit)
                .set(AccountBalance.LINE_COUNT, 1L)
                .onConflict(AccountBalance.ACCOUNT_CODE, AccountBalance.CURRENCY, AccountBalance.CUSTOMER,
                        AccountBalance.CONTRACT, AccountBalance.CREDIT_POOL, AccountBalance.MODEL,
                        AccountBalance.FEATURE, AccountBalance.PRODUCT)
                .doUpdate()
                .set(AccountBalance.DEBIT_MINOR, AccountBalance.DEBIT_MINOR.plus(debit))
                .set(AccountBalance.CREDIT_MINOR, AccountBalance.CREDIT_MINOR.plus(credit))
                .set(AccountBalance.LINE_COUNT, AccountBalance.LINE_COUNT.plus(1L))
                .execute();
    }

    @EventHandler
    void on(JournalEntryReversed event) {
        db.update(GlEntry.TABLE)
                .set(GlEntry.REVERSED_BY_ENTRY_ID, event.reversalEntryId())
                .where(GlEntry.ENTRY_ID.eq(event.entryId()))
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(GlLine.TABLE).execute();
        db.truncate(GlEntry.TABLE).execute();
        db.truncate(AccountBalance.TABLE).execute();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
