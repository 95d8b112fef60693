package dev.tokenledger.adapters.exports;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.EntryDigest;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.periods.PeriodSealed;
import dev.tokenledger.journal.SealDigests;
import dev.tokenledger.projections.journal.JournalChainTables.Chain;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code verify} (README "Tamper evidence"): recomputes the journal's hash chain and every period's seal from the
 * event store alone, and compares them with the chain as the ledger first recorded it and with the seals stored at
 * each close. It streams the event store and the chain side by side, so memory does not grow with the journal;
 * what grows is bounded: balances by account (and contract liability by customer and pool) per posting month, and at
 * most {@link #MAX_PROBLEMS} problems listed (all are counted).
 */
@Service
public class JournalVerifier {

    static final int MAX_PROBLEMS = 1_000;

    private final EventStorageEngine storage;
    private final Serializer eventSerializer;
    private final DSLContext db;
    private final ChartOfAccounts chart;
    private final TransactionTemplate readOnly;

    public JournalVerifier(EventStorageEngine storage, @Qualifier("eventSerializer") Serializer eventSerializer,
                           DSLContext db, ChartOfAccounts chart, PlatformTransactionManager transactions) {
        this.storage = storage;
        this.eventSerializer = eventSerializer;
        this.db = db;
        this.chart = chart;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    public enum ProblemKind {
        /** The entry at this position was recorded with other content. */
        CONTENT_CHANGED,
        /** An entry the ledger recorded is no longer in the event store. */
        ENTRY_MISSING,
        /** The event store holds an entry the ledger never recorded at this position. */
        ENTRY_INSERTED,
        /** The entry is in the event store, at another position than it was recorded at. */
        ORDER_CHANGED,
        /** A stored event can no longer be read. */
        EVENT_UNREADABLE,
        /** A period's seal does not match what the event store gives now. */
        SEAL_BROKEN
    }

    public record Problem(ProblemKind kind, String entryId, Long globalIndex, String period, String detail) {
    }

    public record SealCheck(String period, String closedBy, long throughGlobalIndex, long entries, boolean chainMatches,
                            boolean trialBalanceMatches, boolean rollforwardMatches) {
    }

    /**
     * @param chainedEntries entries the ledger had chained when verify began
     * @param notYetChained  entries stored after the chain's head (the read models were behind): not checked
     */
    public record Verification(String status, long eventsRead, long entriesChecked, long chainedEntries,
                               long notYetChained, List<SealCheck> seals, long problemCount, List<Problem> problems,
                               String recomputedHead, long durationMillis) {
    }

    public Verification verify(Consumer<String> progress) {
        return readOnly.execute(tx -> run(progress));
    }

    private Verification run(Consumer<String> progress) {
        long started = System.nanoTime();
        Map<String, Integer> unused = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        long[] problemCount = {0};
        Consumer<Problem> report = p -> {
            problemCount[0]++;
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(p);
            }
        };
        List<Seal> seals = seals(report);
        Long limit = db.select(DSL.max(Chain.GLOBAL_INDEX)).from(Chain.TABLE).fetchOne(0, Long.class);
        long chainLimit = limit == null ? -1 : limit;
        long chained = db.fetchCount(Chain.TABLE);
        String credits = chart.accountFor(AccountRole.DEFERRED_REVENUE_CREDITS).code();
        String contracts = chart.accountFor(AccountRole.DEFERRED_REVENUE_SUBSCRIPTION).code();

        TreeMap<YearMonth, Map<String, long[]>> trialBalance = new TreeMap<>();
        TreeMap<YearMonth, Map<String, Long>> liabilities = new TreeMap<>();
        // entries out of place, to tell a move (same id elsewhere) from a deletion or an insertion at the end
        Map<String, Long> missingAt = new LinkedHashMap<>();
        Map<String, Long> insertedAt = new LinkedHashMap<>();
        List<SealCheck> checks = new ArrayList<>();
        Iterator<Seal> pendingSeals = seals.iterator();
        Seal nextSeal = pendingSeals.hasNext() ? pendingSeals.next() : null;
        String recomputed = EntryDigest.GENESIS;
        long recomputedCount = 0;
        long events = 0;
        long checked = 0;
        long notYetChained = 0;

        try (Cursor<? extends Record> chain = db.select(Chain.SEQ, Chain.ENTRY_ID, Chain.GLOBAL_INDEX, Chain.CONTENT_HASH)
                .from(Chain.TABLE).orderBy(Chain.GLOBAL_INDEX).fetchSize(1_000).fetchLazy();
             Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(null, false)) {
            Record row = chain.hasNext() ? chain.fetchNext() : null;
            Iterator<? extends TrackedEventMessage<?>> it = stream.iterator();
            while (it.hasNext()) {
                TrackedEventMessage<?> message = it.next();
                long index = message.trackingToken().position().orElse(-1L);
                events++;
                if (events % 100_000 == 0) {
                    progress.accept(String.format("%,d events read, %,d entries checked", events, checked));
                }
                // seals that cover only positions before this event are checked now
                while (nextSeal != null && nextSeal.through() < index) {
                    checks.add(check(nextSeal, recomputed, recomputedCount, trialBalance, liabilities, report));
                    nextSeal = pendingSeals.hasNext() ? pendingSeals.next() : null;
                }
                // chain rows recorded before this position whose events are gone
                while (row != null && row.get(Chain.GLOBAL_INDEX) < index) {
                    missingAt.put(row.get(Chain.ENTRY_ID), row.get(Chain.GLOBAL_INDEX));
                    row = chain.hasNext() ? chain.fetchNext() : null;
                }
                Record recorded = row != null && row.get(Chain.GLOBAL_INDEX) == index ? row : null;
                if (recorded != null) {
                    row = chain.hasNext() ? chain.fetchNext() : null;
                }
                PostedEntry entry;
                try {
                    entry = message.getPayload() instanceof PostsJournalEntry posting ? posting.journalEntry() : null;
                } catch (RuntimeException unreadable) {
                    report.accept(new Problem(ProblemKind.EVENT_UNREADABLE, recorded == null ? null : recorded.get(Chain.ENTRY_ID),
                            index, null, "event " + message.getIdentifier() + " can no longer be read as "
                            + message.getPayloadType().getSimpleName()));
                    continue;
                }
                if (entry == null) {
                    if (recorded != null) {
                        report.accept(new Problem(ProblemKind.CONTENT_CHANGED, recorded.get(Chain.ENTRY_ID), index, null,
                                "the event at this position no longer posts the entry that was recorded there"));
                    }
                    continue;
                }
                if (index > chainLimit) {
                    notYetChained++;
                    continue;
                }
                String content = EntryDigest.contentHash(entry);
                recomputed = EntryDigest.chain(recomputed, content);
                recomputedCount++;
                accumulate(entry, index, credits, contracts, trialBalance, liabilities);
                if (recorded == null) {
                    insertedAt.put(entry.entryId(), index);
                } else if (!recorded.get(Chain.ENTRY_ID).equals(entry.entryId())) {
                    missingAt.put(recorded.get(Chain.ENTRY_ID), index);
                    insertedAt.put(entry.entryId(), index);
                } else {
                    checked++;
                    if (!recorded.get(Chain.CONTENT_HASH).equals(content)) {
                        report.accept(new Problem(ProblemKind.CONTENT_CHANGED, entry.entryId(), index,
                                entry.postingDate().toString().substring(0, 7),
                                "its content hash is now " + content + ", recorded " + recorded.get(Chain.CONTENT_HASH)));
                    }
                }
                if (missingAt.size() + insertedAt.size() > 10 * MAX_PROBLEMS) {
                    settle(missingAt, insertedAt, report);
                }
            }
            while (row != null) {
                missingAt.put(row.get(Chain.ENTRY_ID), row.get(Chain.GLOBAL_INDEX));
                row = chain.hasNext() ? chain.fetchNext() : null;
            }
        }
        while (nextSeal != null) {
            checks.add(check(nextSeal, recomputed, recomputedCount, trialBalance, liabilities, report));
            nextSeal = pendingSeals.hasNext() ? pendingSeals.next() : null;
        }
        settle(missingAt, insertedAt, report);
        return new Verification(problemCount[0] == 0 ? "CLEAN" : "FAILED", events, checked, chained, notYetChained,
                checks, problemCount[0], problems, recomputed, (System.nanoTime() - started) / 1_000_000);
    }

    /** An entry both missing at one position and inserted at another has moved. */
    private static void settle(Map<String, Long> missingAt, Map<String, Long> insertedAt, Consumer<Problem> report) {
        for (var missing : missingAt.entrySet()) {
            Long moved = insertedAt.remove(missing.getKey());
            if (moved != null) {
                report.accept(new Problem(ProblemKind.ORDER_CHANGED, missing.getKey(), moved, null,
                        "recorded at position " + missing.getValue() + ", now at " + moved));
            } else {
                report.accept(new Problem(ProblemKind.ENTRY_MISSING, missing.getKey(), missing.getValue(), null,
                        "recorded at position " + missing.getValue() + "; the event store no longer holds it"));
            }
        }
        for (var inserted : insertedAt.entrySet()) {
            report.accept(new Problem(ProblemKind.ENTRY_INSERTED, inserted.getKey(), inserted.getValue(), null,
                    "the event store holds it at position " + inserted.getValue() + ", where the ledger recorded no such entry"));
        }
        missingAt.clear();
        insertedAt.clear();
    }

    private static void accumulate(PostedEntry entry, long index, String credits, String contracts,
                                   TreeMap<YearMonth, Map<String, long[]>> trialBalance,
                                   TreeMap<YearMonth, Map<String, Long>> liabilities) {
        YearMonth month = YearMonth.from(entry.postingDate());
        for (JournalLine line : entry.lines()) {
            long minor = line.amount().minorUnits();
            String currency = line.amount().currency().getCurrencyCode();
            long[] tb = trialBalance.computeIfAbsent(month, m -> new HashMap<>())
                    .computeIfAbsent(line.accountCode() + "|" + currency, k -> new long[2]);
            tb[line.side() == Side.DEBIT ? 0 : 1] += minor;
            if (line.accountCode().equals(credits) || line.accountCode().equals(contracts)) {
                Dimensions d = line.dimensions();
                liabilities.computeIfAbsent(month, m -> new HashMap<>()).merge(
                        SealDigests.liabilityKey(line.accountCode(), d.customer(), d.creditPool(), d.contract(), currency),
                        line.side() == Side.CREDIT ? minor : -minor, Long::sum);
            }
        }
    }

    /** A seal as stored with a close, and the request that closed the period. */
    public record Seal(String period, String requestId, long through, long entries, String chainHash,
                        String trialBalanceDigest, String rollforwardDigest) {
    }

    /** Every seal stored with a period close, in the order of the positions they cover. */
    public List<Seal> seals() {
        return readOnly.execute(tx -> seals(p -> { }));
    }

    private List<Seal> seals(Consumer<Problem> report) {
        List<Seal> seals = new ArrayList<>();
        var payload = DSL.field(DSL.name("payload"), SQLDataType.VARBINARY);
        var type = DSL.field(DSL.name("payload_type"), SQLDataType.VARCHAR);
        var revision = DSL.field(DSL.name("payload_revision"), SQLDataType.VARCHAR);
        var index = DSL.field(DSL.name("global_index"), SQLDataType.BIGINT);
        db.select(index, payload, type, revision).from(DSL.table(DSL.name("domain_event_entry")))
                .where(type.eq(PeriodSealed.class.getName())).orderBy(index).forEach(r -> {
                    try {
                        PeriodSealed sealed = eventSerializer.deserialize(new SimpleSerializedObject<>(r.get(payload),
                                byte[].class, r.get(type), r.get(revision)));
                        seals.add(new Seal(sealed.period().toString(), sealed.requestId(), sealed.seal().throughGlobalIndex(),
                                sealed.seal().entries(), sealed.seal().chainHash(), sealed.seal().trialBalanceDigest(),
                                sealed.seal().rollforwardDigest()));
                    } catch (RuntimeException unreadable) {
                        report.accept(new Problem(ProblemKind.EVENT_UNREADABLE, null, r.get(index), null,
                                "a period seal can no longer be read"));
                    }
                });
        seals.sort(java.util.Comparator.comparingLong(Seal::through));
        return seals;
    }

    private static SealCheck check(Seal seal, String recomputed, long entries, TreeMap<YearMonth, Map<String, long[]>> trialBalance,
                                   TreeMap<YearMonth, Map<String, Long>> liabilities, Consumer<Problem> report) {
        YearMonth period = YearMonth.parse(seal.period());
        SortedMap<String, long[]> tb = new TreeMap<>();
        trialBalance.headMap(period, true).values().forEach(m -> m.forEach((k, v) -> {
            long[] sum = tb.computeIfAbsent(k, x -> new long[2]);
            sum[0] += v[0];
            sum[1] += v[1];
        }));
        SortedMap<String, Long> balances = new TreeMap<>();
        liabilities.headMap(period, true).values().forEach(m -> m.forEach((k, v) -> balances.merge(k, v, Long::sum)));
        boolean chainOk = seal.chainHash().equals(recomputed) && seal.entries() == entries;
        boolean tbOk = seal.trialBalanceDigest().equals(SealDigests.trialBalance(tb));
        boolean rollforwardOk = seal.rollforwardDigest().equals(SealDigests.rollforward(balances));
        if (!chainOk || !tbOk || !rollforwardOk) {
            report.accept(new Problem(ProblemKind.SEAL_BROKEN, null, seal.through(), seal.period(), "the seal of "
                    + seal.period() + " (close " + seal.requestId() + ", through position " + seal.through() + ") no longer matches: "
                    + (chainOk ? "" : "journal chain (" + entries + " entries now, " + seal.entries() + " sealed) ")
                    + (tbOk ? "" : "trial balance ") + (rollforwardOk ? "" : "contract-liability balances")));
        }
        return new SealCheck(seal.period(), seal.requestId(), seal.through(), seal.entries(), chainOk, tbOk, rollforwardOk);
    }
}
