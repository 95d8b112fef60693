package dev.tokenledger.projections.journal;

import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.JournalEntryReversed;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.projections.BatchBuffer;
import dev.tokenledger.projections.JdbcBatch;
import dev.tokenledger.projections.ProcessingGroups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.Field;
import org.jooq.Table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.tokenledger.projections.LedgerTables.AccountBalance;
import static dev.tokenledger.projections.LedgerTables.DailyBalance;
import static dev.tokenledger.projections.LedgerTables.MonthlyBySource;
import static dev.tokenledger.projections.LedgerTables.SecondBalance;
import static dev.tokenledger.projections.LedgerTables.PairedMovement;
import static dev.tokenledger.projections.LedgerTables.GlEntry;
import static dev.tokenledger.projections.LedgerTables.GlLine;

/**
 * Folds every event that posts a journal entry into the general ledger (entries and lines) and the running
 * balances by account and dimension. Writes are buffered per batch of events and flushed as JDBC batches; balance
 * changes are summed per key first, so a batch touches each balance row once. Rebuildable: a reset truncates its
 * tables and the replay refills them.
 */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class GeneralLedgerProjection {

    private static final String BUFFER = GeneralLedgerProjection.class.getName();
    private final DSLContext db;

    public GeneralLedgerProjection(DSLContext db) {
        this.db = db;
    }

    private final class Pending {
        final List<Object[]> entries = new ArrayList<>();
        final List<Object[]> lines = new ArrayList<>();
        /** Debit and credit sums (minor units) and line counts per balance key; a batch can pass 64 bits. */
        final Map<List<String>, BigInteger[]> balances = new LinkedHashMap<>();
        /** Debit and credit sums and line counts per account, currency, posting day and recorded hour. */
        final Map<List<Object>, BigInteger[]> daily = new LinkedHashMap<>();
        /** The same per recorded second (V26), for a trial balance as known at an instant inside a busy hour. */
        final Map<List<Object>, BigInteger[]> seconds = new LinkedHashMap<>();
        /** Debit and credit sums and line counts per account, currency, posting month and source event type. */
        final Map<List<String>, BigInteger[]> monthly = new LinkedHashMap<>();
        /** Net credit sums and line counts per posting month and the dimensions of a paired movement. */
        final Map<List<Object>, BigInteger[]> paired = new LinkedHashMap<>();
        final List<Object[]> reversals = new ArrayList<>();

        void flush() {
            if (!entries.isEmpty()) {
                JdbcBatch.execute(db, db.insertInto(GlEntry.TABLE, GlEntry.ENTRY_ID, GlEntry.KIND, GlEntry.EFFECTIVE_DATE,
                        GlEntry.POSTING_DATE, GlEntry.PRIOR_PERIOD, GlEntry.MEMO, GlEntry.REASON, GlEntry.POLICY_VERSION,
                        GlEntry.REVERSES_ENTRY_ID, GlEntry.SOURCE_EVENT_TYPE, GlEntry.RECORDED_AT, GlEntry.GLOBAL_INDEX)
                        .values((String) null, null, null, null, null, null, null, null, null, null, null, null), entries);
            }
            if (!lines.isEmpty()) {
                JdbcBatch.execute(db, db.insertInto(GlLine.TABLE, GlLine.ENTRY_ID, GlLine.LINE_NO, GlLine.ACCOUNT_CODE,
                        GlLine.SIDE, GlLine.CURRENCY, GlLine.DEBIT_MINOR, GlLine.CREDIT_MINOR, GlLine.CUSTOMER,
                        GlLine.CONTRACT, GlLine.CREDIT_POOL, GlLine.MODEL, GlLine.FEATURE, GlLine.PRODUCT,
                        GlLine.EFFECTIVE_DATE, GlLine.POSTING_DATE, GlLine.RECORDED_AT, GlLine.GLOBAL_INDEX)
                        .values((String) null, null, null, null, null, null, null, null, null, null, null, null, null,
                                null, null, null, null), lines);
            }
            // atomic increments: correct even if another writer touched the same row
            addSums(AccountBalance.TABLE, List.of(AccountBalance.ACCOUNT_CODE, AccountBalance.CURRENCY,
                    AccountBalance.CUSTOMER, AccountBalance.CONTRACT, AccountBalance.CREDIT_POOL, AccountBalance.MODEL,
                    AccountBalance.FEATURE, AccountBalance.PRODUCT), AccountBalance.DEBIT_MINOR,
                    AccountBalance.CREDIT_MINOR, AccountBalance.LINE_COUNT, balances);
            addSums(DailyBalance.TABLE, List.of(DailyBalance.ACCOUNT_CODE, DailyBalance.CURRENCY,
                    DailyBalance.POSTING_DATE, DailyBalance.RECORDED_HOUR), DailyBalance.DEBIT_MINOR,
                    DailyBalance.CREDIT_MINOR, DailyBalance.LINE_COUNT, daily);
            addSums(SecondBalance.TABLE, List.of(SecondBalance.RECORDED_SECOND, SecondBalance.ACCOUNT_CODE,
                    SecondBalance.CURRENCY, SecondBalance.POSTING_DATE), SecondBalance.DEBIT_MINOR,
                    SecondBalance.CREDIT_MINOR, SecondBalance.LINE_COUNT, seconds);
            addSums(MonthlyBySource.TABLE, List.of(MonthlyBySource.ACCOUNT_CODE, MonthlyBySource.CURRENCY,
                    MonthlyBySource.POSTING_MONTH, MonthlyBySource.SOURCE_EVENT_TYPE), MonthlyBySource.DEBIT_MINOR,
                    MonthlyBySource.CREDIT_MINOR, MonthlyBySource.LINE_COUNT, monthly);
            if (!paired.isEmpty()) {
                List<Object[]> rows = new ArrayList<>(paired.size());
                paired.forEach((key, delta) -> {
                    Object[] row = new Object[key.size() + 2];
                    for (int i = 0; i < key.size(); i++) {
                        row[i] = key.get(i);
                    }
                    row[key.size()] = new BigDecimal(delta[0]);
                    row[key.size() + 1] = delta[1].longValueExact();
                    rows.add(row);
                });
                JdbcBatch.execute(db, db.insertInto(PairedMovement.TABLE, PairedMovement.CURRENCY, PairedMovement.POSTING_MONTH,
                                PairedMovement.ACCOUNT_CODE, PairedMovement.CUSTOMER, PairedMovement.CREDIT_POOL,
                                PairedMovement.CONTRACT, PairedMovement.PRODUCT, PairedMovement.BUSINESS_EVENT,
                                PairedMovement.COUNTER_ACCOUNT, PairedMovement.INCREASE, PairedMovement.NET_CREDIT_MINOR,
                                PairedMovement.LINE_COUNT)
                        .values((String) null, null, null, null, null, null, null, null, null, null, null, null)
                        .onConflict(PairedMovement.ACCOUNT_CODE, PairedMovement.CURRENCY, PairedMovement.POSTING_MONTH,
                                PairedMovement.CUSTOMER, PairedMovement.CREDIT_POOL, PairedMovement.CONTRACT,
                                PairedMovement.PRODUCT, PairedMovement.BUSINESS_EVENT, PairedMovement.COUNTER_ACCOUNT,
                                PairedMovement.INCREASE)
                        .doUpdate()
                        .set(PairedMovement.NET_CREDIT_MINOR, PairedMovement.NET_CREDIT_MINOR.plus(DSL.excluded(PairedMovement.NET_CREDIT_MINOR)))
                        .set(PairedMovement.LINE_COUNT, PairedMovement.LINE_COUNT.plus(DSL.excluded(PairedMovement.LINE_COUNT))), rows);
            }
            if (!reversals.isEmpty()) {
                JdbcBatch.execute(db, db.update(GlEntry.TABLE).set(GlEntry.REVERSED_BY_ENTRY_ID, (String) null)
                        .where(GlEntry.ENTRY_ID.eq((String) null)), reversals);
            }
        }

        /**
         * Adds debit and credit sums and line counts to a summary table's rows by key (the key's columns first, in
         * the order of {@code key}), inserting the rows a batch is the first to touch. The increments are the
         * proposed row's values ({@code excluded}), so every parameter is in VALUES and PostgreSQL's driver sends the
         * batch as multi-row statements (reWriteBatchedInserts); with parameters in SET it sent one statement per row,
         * 297,000 for a 2-million-record import (BENCHMARKS.md, "Upserts sent as multi-row statements"). A key occurs
         * once per batch (the sums are per key), as a multi-row upsert requires.
         */
        private void addSums(Table<?> table, List<Field<?>> key, Field<BigDecimal> debit, Field<BigDecimal> credit,
                             Field<Long> count, Map<? extends List<?>, BigInteger[]> sums) {
            if (sums.isEmpty()) {
                return;
            }
            List<Object[]> rows = new ArrayList<>(sums.size());
            sums.forEach((k, delta) -> {
                Object[] row = new Object[k.size() + 3];
                for (int i = 0; i < k.size(); i++) {
                    row[i] = k.get(i);
                }
                row[k.size()] = new BigDecimal(delta[0]);
                row[k.size() + 1] = new BigDecimal(delta[1]);
                row[k.size() + 2] = delta[2].longValueExact();
                rows.add(row);
            });
            List<Field<?>> columns = new ArrayList<>(key);
            columns.addAll(List.of(debit, credit, count));
            JdbcBatch.execute(db, db.insertInto(table, columns).values(Arrays.asList(new Object[columns.size()]))
                    .onConflict(key).doUpdate()
                    .set(debit, debit.plus(DSL.excluded(debit)))
                    .set(credit, credit.plus(DSL.excluded(credit)))
                    .set(count, count.plus(DSL.excluded(count))), rows);
        }
    }

    @EventHandler
    void on(PostsJournalEntry event, EventMessage<?> message, @Timestamp Instant recordedAt, TrackingToken token) {
        PostedEntry entry = event.journalEntry();
        if (entry == null) {
            return; // the event posted nothing (e.g. a draw on promotional credits)
        }
        OffsetDateTime recorded = recordedAt.atOffset(ZoneOffset.UTC);
        long globalIndex = token.position().orElse(-1L);
        long hour = DailyBalance.hourOf(recordedAt);
        long second = recordedAt.getEpochSecond();
        BatchBuffer.write(BUFFER, Pending::new, pending -> {
            pending.entries.add(new Object[]{entry.entryId(), entry.kind().name(), entry.effectiveDate(),
                    entry.postingDate(), entry.priorPeriod(), entry.memo(), entry.reason(), entry.policyVersion(),
                    entry.reversesEntryId(), message.getPayloadType().getSimpleName(), recorded, globalIndex});
            int lineNo = 0;
            String source = message.getPayloadType().getSimpleName();
            String month = entry.postingDate().toString().substring(0, 7);
            boolean businessEvent = entry.kind() == dev.tokenledger.journal.EntryKind.BUSINESS_EVENT;
            List<JournalLine> all = entry.lines();
            for (JournalLine line : all) {
                addLine(pending, entry, all, line, ++lineNo, source, month, businessEvent, recorded, globalIndex, hour,
                        second);
            }
        }, Pending::flush);
    }

    /**
     * One line: its row and its share of every summary. A method of its own, not the body of the handler's loop: the
     * JIT compiled that handler with this body inlined at 2.5-3.6 s a compilation, twice a run (BENCHMARKS.md, "The
     * JIT's fixed cost").
     */
    private static void addLine(Pending pending, PostedEntry entry, List<JournalLine> all, JournalLine line, int lineNo,
                                String source, String month, boolean businessEvent, OffsetDateTime recorded,
                                long globalIndex, long hour, long second) {
        long minor = line.amount().minorUnits();
        long debit = line.side() == Side.DEBIT ? minor : 0L;
        long credit = line.side() == Side.CREDIT ? minor : 0L;
        String currency = line.amount().currency().getCurrencyCode();
        Dimensions d = line.dimensions();
        pending.lines.add(new Object[]{entry.entryId(), lineNo, line.accountCode(), line.side().name(),
                currency, debit, credit, d.customer(), d.contract(), d.creditPool(), d.model(), d.feature(),
                d.product(), entry.effectiveDate(), entry.postingDate(), recorded, globalIndex});
        addSums(pending.balances, List.of(line.accountCode(), currency, orEmpty(d.customer()), orEmpty(d.contract()),
                orEmpty(d.creditPool()), orEmpty(d.model()), orEmpty(d.feature()), orEmpty(d.product())), debit, credit);
        addSums(pending.daily, List.of(line.accountCode(), currency, entry.postingDate(), hour), debit, credit);
        addSums(pending.seconds, List.of(second, line.accountCode(), currency, entry.postingDate()), debit, credit);
        addSums(pending.monthly, List.of(line.accountCode(), currency, month, source), debit, credit);
        // lines 1 and 2, 3 and 4, ... are each a debit/credit pair (how business events post)
        int pairIndex = lineNo % 2 == 1 ? lineNo : lineNo - 2;
        String counter = pairIndex < all.size() ? all.get(pairIndex).accountCode() : "";
        long net = credit - debit;
        BigInteger[] move = pending.paired.computeIfAbsent(List.of(currency, month, line.accountCode(),
                orEmpty(d.customer()), orEmpty(d.creditPool()), orEmpty(d.contract()), orEmpty(d.product()),
                businessEvent, counter, net > 0),
                k -> new BigInteger[]{BigInteger.ZERO, BigInteger.ZERO});
        move[0] = move[0].add(BigInteger.valueOf(net));
        move[1] = move[1].add(BigInteger.ONE);
    }

    /** Adds a line's debit, credit and count to a summary's sums under {@code key}. */
    private static <K> void addSums(Map<K, BigInteger[]> sums, K key, long debit, long credit) {
        BigInteger[] delta = sums.computeIfAbsent(key, k -> new BigInteger[]{BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
        delta[0] = delta[0].add(BigInteger.valueOf(debit));
        delta[1] = delta[1].add(BigInteger.valueOf(credit));
        delta[2] = delta[2].add(BigInteger.ONE);
    }

    @EventHandler
    void on(JournalEntryReversed event) {
        BatchBuffer.write(BUFFER, Pending::new,
                pending -> pending.reversals.add(new Object[]{event.reversalEntryId(), event.entryId()}),
                Pending::flush);
    }

    @ResetHandler
    void reset() {
        db.truncate(GlLine.TABLE).execute();
        db.truncate(GlEntry.TABLE).execute();
        db.truncate(AccountBalance.TABLE).execute();
        db.truncate(DailyBalance.TABLE).execute();
        db.truncate(SecondBalance.TABLE).execute();
        db.truncate(MonthlyBySource.TABLE).execute();
        db.truncate(PairedMovement.TABLE).execute();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
