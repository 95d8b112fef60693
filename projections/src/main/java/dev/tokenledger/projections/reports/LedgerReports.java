package dev.tokenledger.projections.reports;

import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.money.Money;
import dev.tokenledger.projections.LedgerTables.AccountBalance;
import dev.tokenledger.projections.LedgerTables.AuditRecord;
import dev.tokenledger.projections.LedgerTables.GlEntry;
import dev.tokenledger.projections.LedgerTables.DailyBalance;
import dev.tokenledger.projections.LedgerTables.SecondBalance;
import dev.tokenledger.projections.LedgerTables.GlLine;
import dev.tokenledger.projections.LedgerTables.PeriodStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the projections. Amounts leave here as exact decimals in their currency, never as floats. */
public class LedgerReports {

    private final DSLContext db;
    private final ChartOfAccounts chart;

    public LedgerReports(DSLContext db, ChartOfAccounts chart) {
        this.db = db;
        this.chart = chart;
    }

    private static void add(Map<List<String>, BigDecimal[]> sums, String account, String currency, BigDecimal debits,
                            BigDecimal credits) {
        BigDecimal[] s = sums.computeIfAbsent(List.of(account, currency), k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        s[0] = s[0].add(debits);
        s[1] = s[1].add(credits);
    }

    /**
     * The trial balance as of a posting date and, when {@code knownAt} is given, as the ledger knew it then: from the
     * balances by day and recorded hour (V22) for every hour before knownAt's, the balances by recorded second (V26)
     * for that hour's seconds before knownAt's, and only the lines recorded in knownAt's own second. No line is read
     * twice or missed: the three ranges of recorded time meet end to end.
     */
    public TrialBalance trialBalance(LocalDate asOf, Instant knownAt) {
        // sums over every line: BigDecimal, which no number of postings can overflow
        Map<List<String>, BigDecimal[]> sums = new java.util.TreeMap<>(java.util.Comparator
                .comparing((List<String> k) -> k.get(0)).thenComparing(k -> k.get(1)));
        Condition hours = DailyBalance.POSTING_DATE.le(asOf);
        if (knownAt != null) {
            hours = hours.and(DailyBalance.RECORDED_HOUR.lt(DailyBalance.hourOf(knownAt)));
        }
        Field<BigDecimal> dailyDebits = DSL.sum(DailyBalance.DEBIT_MINOR).as("debits");
        Field<BigDecimal> dailyCredits = DSL.sum(DailyBalance.CREDIT_MINOR).as("credits");
        db.select(DailyBalance.ACCOUNT_CODE, DailyBalance.CURRENCY, dailyDebits, dailyCredits)
                .from(DailyBalance.TABLE).where(hours)
                .groupBy(DailyBalance.ACCOUNT_CODE, DailyBalance.CURRENCY)
                .forEach(r -> add(sums, r.get(DailyBalance.ACCOUNT_CODE), r.get(DailyBalance.CURRENCY), r.get(dailyDebits),
                        r.get(dailyCredits)));
        if (knownAt != null) {
            long hourStart = DailyBalance.hourOf(knownAt) * 3600;
            long second = knownAt.getEpochSecond();
            Field<BigDecimal> debits = DSL.sum(SecondBalance.DEBIT_MINOR).as("debits");
            Field<BigDecimal> credits = DSL.sum(SecondBalance.CREDIT_MINOR).as("credits");
            db.select(SecondBalance.ACCOUNT_CODE, SecondBalance.CURRENCY, debits, credits)
                    .from(SecondBalance.TABLE)
                    .where(SecondBalance.RECORDED_SECOND.ge(hourStart)).and(SecondBalance.RECORDED_SECOND.lt(second))
                    .and(SecondBalance.POSTING_DATE.le(asOf))
                    .groupBy(SecondBalance.ACCOUNT_CODE, SecondBalance.CURRENCY)
                    .forEach(r -> add(sums, r.get(SecondBalance.ACCOUNT_CODE), r.get(SecondBalance.CURRENCY), r.get(debits),
                            r.get(credits)));
            addLines(sums, asOf, GlLine.RECORDED_AT.ge(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC)), knownAt);
        }
        return trialBalanceOf(sums, asOf, knownAt);
    }

    /** Adds the debits and credits of the lines posted by {@code asOf}, recorded by {@code knownAt} and matching {@code also}. */
    private void addLines(Map<List<String>, BigDecimal[]> sums, LocalDate asOf, Condition also, Instant knownAt) {
        Field<BigDecimal> debits = DSL.sum(GlLine.DEBIT_MINOR).as("debits");
        Field<BigDecimal> credits = DSL.sum(GlLine.CREDIT_MINOR).as("credits");
        db.select(GlLine.ACCOUNT_CODE, GlLine.CURRENCY, debits, credits).from(GlLine.TABLE)
                .where(GlLine.POSTING_DATE.le(asOf)).and(also).and(GlLine.RECORDED_AT.le(knownAt.atOffset(ZoneOffset.UTC)))
                .groupBy(GlLine.ACCOUNT_CODE, GlLine.CURRENCY)
                .forEach(r -> add(sums, r.get(GlLine.ACCOUNT_CODE), r.get(GlLine.CURRENCY), r.get(debits), r.get(credits)));
    }

    private TrialBalance trialBalanceOf(Map<List<String>, BigDecimal[]> sums, LocalDate asOf, Instant knownAt) {
        List<TrialBalance.Row> rows = new ArrayList<>();
        Map<String, BigDecimal[]> totals = new LinkedHashMap<>();
        for (var sum : sums.entrySet()) {
            String currency = sum.getKey().get(1);
            BigDecimal d = sum.getValue()[0];
            BigDecimal c = sum.getValue()[1];
            BigDecimal debitBalance = d.subtract(c).max(BigDecimal.ZERO);
            BigDecimal creditBalance = c.subtract(d).max(BigDecimal.ZERO);
            Optional<Account> account = chart.account(sum.getKey().get(0));
            rows.add(new TrialBalance.Row(sum.getKey().get(0),
                    account.map(Account::name).orElse("(not in current chart)"),
                    account.map(a -> a.type().name()).orElse(null),
                    account.map(Account::erpCode).orElse(null),
                    currency, decimal(d, currency), decimal(c, currency),
                    decimal(debitBalance, currency), decimal(creditBalance, currency)));
            BigDecimal[] t = totals.computeIfAbsent(currency,
                    k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            t[0] = t[0].add(d);
            t[1] = t[1].add(c);
            t[2] = t[2].add(debitBalance);
            t[3] = t[3].add(creditBalance);
        }
        boolean balanced = true;
        List<TrialBalance.CurrencyTotal> currencyTotals = new ArrayList<>();
        for (var e : totals.entrySet()) {
            BigDecimal[] t = e.getValue();
            balanced &= t[0].compareTo(t[1]) == 0 && t[2].compareTo(t[3]) == 0;
            currencyTotals.add(new TrialBalance.CurrencyTotal(e.getKey(), decimal(t[0], e.getKey()),
                    decimal(t[1], e.getKey()), decimal(t[2], e.getKey()), decimal(t[3], e.getKey())));
        }
        return new TrialBalance(asOf, knownAt, rows, currencyTotals, balanced);
    }

    public GeneralLedgerPage generalLedger(GeneralLedgerQuery q) {
        Condition where = DSL.noCondition();
        where = and(where, GlLine.ACCOUNT_CODE, q.account());
        where = and(where, GlLine.CURRENCY, q.currency());
        where = and(where, GlLine.CUSTOMER, q.customer());
        where = and(where, GlLine.CONTRACT, q.contract());
        where = and(where, GlLine.CREDIT_POOL, q.creditPool());
        where = and(where, GlLine.MODEL, q.model());
        where = and(where, GlLine.FEATURE, q.feature());
        where = and(where, GlLine.PRODUCT, q.product());
        where = and(where, GlLine.ENTRY_ID, q.entryId());
        if (q.from() != null) {
            where = where.and(GlLine.POSTING_DATE.ge(q.from()));
        }
        if (q.to() != null) {
            where = where.and(GlLine.POSTING_DATE.le(q.to()));
        }
        long total = db.fetchCount(db.selectFrom(GlLine.TABLE).where(where));
        List<GeneralLedgerLine> lines = selectLines(where, q.limit(), q.offset());
        return new GeneralLedgerPage(total, q.limit(), q.offset(), lines);
    }

    private List<GeneralLedgerLine> selectLines(Condition where, int limit, long offset) {
        return db.select(GlLine.ENTRY_ID, GlLine.LINE_NO, GlLine.POSTING_DATE, GlLine.EFFECTIVE_DATE,
                        GlEntry.PRIOR_PERIOD, GlEntry.KIND, GlLine.ACCOUNT_CODE, GlLine.SIDE, GlLine.DEBIT_MINOR,
                        GlLine.CREDIT_MINOR, GlLine.CURRENCY, GlLine.CUSTOMER, GlLine.CONTRACT, GlLine.CREDIT_POOL,
                        GlLine.MODEL, GlLine.FEATURE, GlLine.PRODUCT, GlEntry.MEMO, GlEntry.REVERSES_ENTRY_ID,
                        GlEntry.REVERSED_BY_ENTRY_ID, GlLine.RECORDED_AT, GlEntry.REASON, GlEntry.SOURCE_EVENT_TYPE)
                .from(GlLine.TABLE)
                .join(GlEntry.TABLE).on(GlEntry.ENTRY_ID.eq(GlLine.ENTRY_ID))
                .where(where)
                .orderBy(GlLine.POSTING_DATE, GlLine.GLOBAL_INDEX, GlLine.LINE_NO)
                .limit(limit)
                .offset(offset)
                .fetch(r -> {
                    String currency = r.get(GlLine.CURRENCY);
                    long minor = r.get(GlLine.DEBIT_MINOR) + r.get(GlLine.CREDIT_MINOR);
                    return new GeneralLedgerLine(r.get(GlLine.ENTRY_ID), r.get(GlLine.LINE_NO),
                            r.get(GlLine.POSTING_DATE), r.get(GlLine.EFFECTIVE_DATE), r.get(GlEntry.PRIOR_PERIOD),
                            r.get(GlEntry.KIND), r.get(GlLine.ACCOUNT_CODE), r.get(GlLine.SIDE),
                            decimal(minor, currency), currency, r.get(GlLine.CUSTOMER), r.get(GlLine.CONTRACT),
                            r.get(GlLine.CREDIT_POOL), r.get(GlLine.MODEL), r.get(GlLine.FEATURE),
                            r.get(GlLine.PRODUCT), r.get(GlEntry.MEMO), r.get(GlEntry.REVERSES_ENTRY_ID),
                            r.get(GlEntry.REVERSED_BY_ENTRY_ID), r.get(GlLine.RECORDED_AT).toInstant(),
                            r.get(GlEntry.REASON), r.get(GlEntry.SOURCE_EVENT_TYPE));
                });
    }

    /**
     * Every GL line posted on or before {@code asOf}, in posting order (posting date, event position, line), read
     * with a cursor so large ledgers stream instead of loading at once.
     */
    public void forEachLine(LocalDate asOf, java.util.function.Consumer<GeneralLedgerLine> consumer) {
        forEachLine(null, asOf, null, consumer);
    }

    /**
     * Every GL line posted from {@code from} (null: the beginning) through {@code to}, as known at {@code knownAt}
     * (null: now), in posting order (posting date, event position, line), read with a cursor so large ledgers stream
     * instead of loading at once.
     */
    public void forEachLine(LocalDate from, LocalDate to, Instant knownAt,
                            java.util.function.Consumer<GeneralLedgerLine> consumer) {
        Condition where = GlLine.POSTING_DATE.le(to);
        if (from != null) {
            where = where.and(GlLine.POSTING_DATE.ge(from));
        }
        if (knownAt != null) {
            where = where.and(GlLine.RECORDED_AT.le(knownAt.atOffset(ZoneOffset.UTC)));
        }
        try (var cursor = db.select(GlLine.ENTRY_ID, GlLine.LINE_NO, GlLine.POSTING_DATE, GlLine.EFFECTIVE_DATE,
                        GlEntry.PRIOR_PERIOD, GlEntry.KIND, GlLine.ACCOUNT_CODE, GlLine.SIDE, GlLine.DEBIT_MINOR,
                        GlLine.CREDIT_MINOR, GlLine.CURRENCY, GlLine.CUSTOMER, GlLine.CONTRACT, GlLine.CREDIT_POOL,
                        GlLine.MODEL, GlLine.FEATURE, GlLine.PRODUCT, GlEntry.MEMO, GlEntry.REVERSES_ENTRY_ID,
                        GlEntry.REVERSED_BY_ENTRY_ID, GlLine.RECORDED_AT, GlEntry.REASON, GlEntry.SOURCE_EVENT_TYPE)
                .from(GlLine.TABLE)
                .join(GlEntry.TABLE).on(GlEntry.ENTRY_ID.eq(GlLine.ENTRY_ID))
                .where(where)
                .orderBy(GlLine.POSTING_DATE, GlLine.GLOBAL_INDEX, GlLine.ENTRY_ID, GlLine.LINE_NO)
                .fetchSize(1000)
                .fetchLazy()) {
            for (var r : cursor) {
                String currency = r.get(GlLine.CURRENCY);
                consumer.accept(new GeneralLedgerLine(r.get(GlLine.ENTRY_ID), r.get(GlLine.LINE_NO),
                        r.get(GlLine.POSTING_DATE), r.get(GlLine.EFFECTIVE_DATE), r.get(GlEntry.PRIOR_PERIOD),
                        r.get(GlEntry.KIND), r.get(GlLine.ACCOUNT_CODE), r.get(GlLine.SIDE),
                        decimal(r.get(GlLine.DEBIT_MINOR) + r.get(GlLine.CREDIT_MINOR), currency), currency,
                        r.get(GlLine.CUSTOMER), r.get(GlLine.CONTRACT), r.get(GlLine.CREDIT_POOL), r.get(GlLine.MODEL),
                        r.get(GlLine.FEATURE), r.get(GlLine.PRODUCT), r.get(GlEntry.MEMO), r.get(GlEntry.REVERSES_ENTRY_ID),
                        r.get(GlEntry.REVERSED_BY_ENTRY_ID), r.get(GlLine.RECORDED_AT).toInstant(),
                        r.get(GlEntry.REASON), r.get(GlEntry.SOURCE_EVENT_TYPE)));
            }
        }
    }

    /** Debits and credits per account and currency posted before {@code before} (as known at an instant). */
    public Map<List<String>, BigDecimal[]> balancesBefore(LocalDate before, Instant knownAt) {
        Condition where = GlLine.POSTING_DATE.lt(before);
        if (knownAt != null) {
            where = where.and(GlLine.RECORDED_AT.le(knownAt.atOffset(ZoneOffset.UTC)));
        }
        Map<List<String>, BigDecimal[]> result = new java.util.TreeMap<>((a, b) -> (a.get(0) + "|" + a.get(1)).compareTo(b.get(0) + "|" + b.get(1)));
        var debit = DSL.sum(GlLine.DEBIT_MINOR);
        var credit = DSL.sum(GlLine.CREDIT_MINOR);
        db.select(GlLine.ACCOUNT_CODE, GlLine.CURRENCY, debit, credit).from(GlLine.TABLE).where(where)
                .groupBy(GlLine.ACCOUNT_CODE, GlLine.CURRENCY)
                .forEach(r -> result.put(List.of(r.get(GlLine.ACCOUNT_CODE), r.get(GlLine.CURRENCY)), new BigDecimal[]{
                        decimal(r.get(debit, BigDecimal.class), r.get(GlLine.CURRENCY)),
                        decimal(r.get(credit, BigDecimal.class), r.get(GlLine.CURRENCY))}));
        return result;
    }

    /** As {@link #forEachLine(LocalDate, LocalDate, Instant, java.util.function.Consumer)}, by account and currency first. */
    public void forEachLineByAccount(LocalDate from, LocalDate to, Instant knownAt,
                                     java.util.function.Consumer<GeneralLedgerLine> consumer) {
        Condition where = GlLine.POSTING_DATE.between(from, to);
        if (knownAt != null) {
            where = where.and(GlLine.RECORDED_AT.le(knownAt.atOffset(ZoneOffset.UTC)));
        }
        try (var cursor = db.select(GlLine.ENTRY_ID, GlLine.LINE_NO, GlLine.POSTING_DATE, GlLine.EFFECTIVE_DATE,
                        GlEntry.PRIOR_PERIOD, GlEntry.KIND, GlLine.ACCOUNT_CODE, GlLine.SIDE, GlLine.DEBIT_MINOR,
                        GlLine.CREDIT_MINOR, GlLine.CURRENCY, GlLine.CUSTOMER, GlLine.CONTRACT, GlLine.CREDIT_POOL,
                        GlLine.MODEL, GlLine.FEATURE, GlLine.PRODUCT, GlEntry.MEMO, GlEntry.REVERSES_ENTRY_ID,
                        GlEntry.REVERSED_BY_ENTRY_ID, GlLine.RECORDED_AT, GlEntry.REASON, GlEntry.SOURCE_EVENT_TYPE)
                .from(GlLine.TABLE).join(GlEntry.TABLE).on(GlEntry.ENTRY_ID.eq(GlLine.ENTRY_ID)).where(where)
                .orderBy(GlLine.ACCOUNT_CODE, GlLine.CURRENCY, GlLine.POSTING_DATE, GlLine.GLOBAL_INDEX, GlLine.LINE_NO)
                .fetchSize(1000).fetchLazy()) {
            for (var r : cursor) {
                String currency = r.get(GlLine.CURRENCY);
                consumer.accept(new GeneralLedgerLine(r.get(GlLine.ENTRY_ID), r.get(GlLine.LINE_NO),
                        r.get(GlLine.POSTING_DATE), r.get(GlLine.EFFECTIVE_DATE), r.get(GlEntry.PRIOR_PERIOD),
                        r.get(GlEntry.KIND), r.get(GlLine.ACCOUNT_CODE), r.get(GlLine.SIDE),
                        decimal(r.get(GlLine.DEBIT_MINOR) + r.get(GlLine.CREDIT_MINOR), currency), currency,
                        r.get(GlLine.CUSTOMER), r.get(GlLine.CONTRACT), r.get(GlLine.CREDIT_POOL), r.get(GlLine.MODEL),
                        r.get(GlLine.FEATURE), r.get(GlLine.PRODUCT), r.get(GlEntry.MEMO), r.get(GlEntry.REVERSES_ENTRY_ID),
                        r.get(GlEntry.REVERSED_BY_ENTRY_ID), r.get(GlLine.RECORDED_AT).toInstant(),
                        r.get(GlEntry.REASON), r.get(GlEntry.SOURCE_EVENT_TYPE)));
            }
        }
    }

    /** One journal entry as listed for auditors, with its place in the hash chain. */
    public record JournalRow(String entryId, String kind, LocalDate effectiveDate, LocalDate postingDate,
                             boolean priorPeriod, String memo, String reason, String policyVersion,
                             String reversesEntryId, String sourceEventType, Instant recordedAt, Long globalIndex,
                             Long chainSeq, String contentHash, String chainHash) {
    }

    /** Entries posted in the range (as known at an instant), in event-store order, with their chain hashes. */
    public void forEachEntry(LocalDate from, LocalDate to, Instant knownAt, java.util.function.Consumer<JournalRow> consumer) {
        Condition where = GlEntry.POSTING_DATE.between(from, to);
        if (knownAt != null) {
            where = where.and(GlEntry.RECORDED_AT.le(knownAt.atOffset(ZoneOffset.UTC)));
        }
        try (var cursor = db.select(GlEntry.ENTRY_ID, GlEntry.KIND, GlEntry.EFFECTIVE_DATE, GlEntry.POSTING_DATE,
                        GlEntry.PRIOR_PERIOD, GlEntry.MEMO, GlEntry.REASON, GlEntry.POLICY_VERSION, GlEntry.REVERSES_ENTRY_ID,
                        GlEntry.SOURCE_EVENT_TYPE, GlEntry.RECORDED_AT, GlEntry.GLOBAL_INDEX,
                        dev.tokenledger.projections.journal.JournalChainTables.Chain.SEQ,
                        dev.tokenledger.projections.journal.JournalChainTables.Chain.CONTENT_HASH,
                        dev.tokenledger.projections.journal.JournalChainTables.Chain.CHAIN_HASH)
                .from(GlEntry.TABLE).leftJoin(dev.tokenledger.projections.journal.JournalChainTables.Chain.TABLE)
                .on(dev.tokenledger.projections.journal.JournalChainTables.Chain.ENTRY_ID.eq(GlEntry.ENTRY_ID))
                .where(where).orderBy(GlEntry.GLOBAL_INDEX).fetchSize(1000).fetchLazy()) {
            for (var r : cursor) {
                consumer.accept(new JournalRow(r.get(GlEntry.ENTRY_ID), r.get(GlEntry.KIND), r.get(GlEntry.EFFECTIVE_DATE),
                        r.get(GlEntry.POSTING_DATE), r.get(GlEntry.PRIOR_PERIOD), r.get(GlEntry.MEMO), r.get(GlEntry.REASON),
                        r.get(GlEntry.POLICY_VERSION), r.get(GlEntry.REVERSES_ENTRY_ID), r.get(GlEntry.SOURCE_EVENT_TYPE),
                        r.get(GlEntry.RECORDED_AT).toInstant(), r.get(GlEntry.GLOBAL_INDEX),
                        r.get(dev.tokenledger.projections.journal.JournalChainTables.Chain.SEQ),
                        r.get(dev.tokenledger.projections.journal.JournalChainTables.Chain.CONTENT_HASH),
                        r.get(dev.tokenledger.projections.journal.JournalChainTables.Chain.CHAIN_HASH)));
            }
        }
    }

    /** Currencies and event types (the exports' payees) of the lines {@link #forEachLine} would give. */
    public record LineVocabulary(List<String> currencies, List<String> sourceEventTypes, LocalDate firstPosting) {
    }

    public LineVocabulary vocabulary(LocalDate to) {
        List<String> currencies = db.selectDistinct(GlLine.CURRENCY).from(GlLine.TABLE).where(GlLine.POSTING_DATE.le(to))
                .orderBy(GlLine.CURRENCY).fetch(GlLine.CURRENCY);
        List<String> types = db.selectDistinct(GlEntry.SOURCE_EVENT_TYPE).from(GlEntry.TABLE)
                .where(GlEntry.POSTING_DATE.le(to)).orderBy(GlEntry.SOURCE_EVENT_TYPE).fetch(GlEntry.SOURCE_EVENT_TYPE);
        LocalDate first = db.select(org.jooq.impl.DSL.min(GlLine.POSTING_DATE)).from(GlLine.TABLE).fetchOne(0, LocalDate.class);
        return new LineVocabulary(currencies, types, first);
    }

    /** How the entry with this id was posted, as the general ledger records it (empty: no such entry yet). */
    public Optional<dev.tokenledger.journal.EntryKind> entryKind(String entryId) {
        return db.select(GlEntry.KIND).from(GlEntry.TABLE).where(GlEntry.ENTRY_ID.eq(entryId))
                .fetchOptional(GlEntry.KIND).map(dev.tokenledger.journal.EntryKind::valueOf);
    }

    /** Empty when no entry has this id. */
    public Optional<AuditTrail> auditTrail(String entryId) {
        List<GeneralLedgerLine> lines = selectLines(GlLine.ENTRY_ID.eq(entryId), 10_000, 0);
        List<AuditTrail.Step> steps = db.selectFrom(AuditRecord.TABLE)
                .where(AuditRecord.SUBJECT_ID.eq(entryId))
                .orderBy(AuditRecord.GLOBAL_INDEX)
                .fetch(r -> new AuditTrail.Step(r.get(AuditRecord.EVENT_IDENTIFIER), r.get(AuditRecord.EVENT_TYPE),
                        r.get(AuditRecord.AGGREGATE_IDENTIFIER), r.get(AuditRecord.SEQUENCE_NUMBER),
                        r.get(AuditRecord.GLOBAL_INDEX), r.get(AuditRecord.COMMAND_NAME), r.get(AuditRecord.COMMAND_ID),
                        r.get(AuditRecord.PRINCIPAL), r.get(AuditRecord.CORRELATION_ID), r.get(AuditRecord.TRACE_ID),
                        r.get(AuditRecord.CLIENT_CORRELATION_ID),
                        r.get(AuditRecord.POLICY_VERSION), r.get(AuditRecord.INPUT_HASH),
                        r.get(AuditRecord.RECORDED_AT).toInstant(), storedEvent(r.get(AuditRecord.EVENT_IDENTIFIER))));
        if (lines.isEmpty() && steps.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AuditTrail(entryId, lines, steps));
    }

    /** The event exactly as the event store holds it (Axon's table, JSON payloads); null when there is none. */
    public AuditTrail.StoredEvent storedEvent(String eventIdentifier) {
        Field<byte[]> payload = DSL.field(DSL.name("payload"), SQLDataType.BLOB);
        Field<byte[]> metaData = DSL.field(DSL.name("meta_data"), SQLDataType.BLOB);
        Field<String> payloadType = DSL.field(DSL.name("payload_type"), SQLDataType.VARCHAR);
        Field<String> payloadRevision = DSL.field(DSL.name("payload_revision"), SQLDataType.VARCHAR);
        Field<String> timestamp = DSL.field(DSL.name("time_stamp"), SQLDataType.VARCHAR);
        Field<Long> globalIndex = DSL.field(DSL.name("global_index"), SQLDataType.BIGINT);
        Field<String> aggregate = DSL.field(DSL.name("aggregate_identifier"), SQLDataType.VARCHAR);
        return db.select(payloadType, payloadRevision, payload, metaData, timestamp, globalIndex, aggregate)
                .from(DSL.table(DSL.name("domain_event_entry")))
                .where(DSL.field(DSL.name("event_identifier"), SQLDataType.VARCHAR).eq(eventIdentifier))
                .fetchOptional(r -> new AuditTrail.StoredEvent(r.get(payloadType), r.get(payloadRevision),
                        text(r.get(payload)), text(r.get(metaData)), r.get(timestamp), r.get(globalIndex), r.get(aggregate)))
                .orElse(null);
    }

    public List<AccountBalanceRow> accountBalances(String account, String customer) {
        return accountBalances(account, customer, 10_000, 0);
    }

    /** A page of balances by account, currency and dimensions, in a fixed order. */
    public List<AccountBalanceRow> accountBalances(String account, String customer, int limit, long offset) {
        Condition where = DSL.noCondition();
        where = and(where, AccountBalance.ACCOUNT_CODE, account);
        where = and(where, AccountBalance.CUSTOMER, customer);
        return db.selectFrom(AccountBalance.TABLE)
                .where(where)
                .orderBy(AccountBalance.ACCOUNT_CODE, AccountBalance.CURRENCY, AccountBalance.CUSTOMER,
                        AccountBalance.CONTRACT, AccountBalance.CREDIT_POOL, AccountBalance.MODEL,
                        AccountBalance.FEATURE, AccountBalance.PRODUCT)
                .limit(limit).offset(offset)
                .fetch(r -> {
                    String currency = r.get(AccountBalance.CURRENCY);
                    // NUMERIC(38, 0) reads as BigInteger from an untyped table: convert explicitly
                    BigDecimal d = r.get(AccountBalance.DEBIT_MINOR, BigDecimal.class);
                    BigDecimal c = r.get(AccountBalance.CREDIT_MINOR, BigDecimal.class);
                    return new AccountBalanceRow(r.get(AccountBalance.ACCOUNT_CODE), currency,
                            blankToNull(r.get(AccountBalance.CUSTOMER)), blankToNull(r.get(AccountBalance.CONTRACT)),
                            blankToNull(r.get(AccountBalance.CREDIT_POOL)), blankToNull(r.get(AccountBalance.MODEL)),
                            blankToNull(r.get(AccountBalance.FEATURE)), blankToNull(r.get(AccountBalance.PRODUCT)),
                            decimal(d, currency), decimal(c, currency), decimal(d.subtract(c), currency),
                            r.get(AccountBalance.LINE_COUNT));
                });
    }

    public List<PeriodRow> periods() {
        return db.selectFrom(PeriodStatus.TABLE)
                .orderBy(PeriodStatus.PERIOD)
                .fetch(r -> new PeriodRow(r.get(PeriodStatus.PERIOD), r.get(PeriodStatus.STATUS),
                        r.get(PeriodStatus.LAST_REASON), r.get(PeriodStatus.CHANGED_BY),
                        r.get(PeriodStatus.CHANGED_AT).toInstant()));
    }

    private static Condition and(Condition where, Field<String> field, String value) {
        return value == null || value.isBlank() ? where : where.and(field.eq(value));
    }

    private static BigDecimal decimal(long minor, String currency) {
        return Money.ofMinor(minor, Currency.getInstance(currency)).amount();
    }

    /** Minor units of any size (sums over many entries) as a decimal in the currency's major unit. */
    private static BigDecimal decimal(BigDecimal minor, String currency) {
        int digits = Money.fractionDigits(Currency.getInstance(currency));
        return minor.movePointLeft(digits).setScale(digits, java.math.RoundingMode.UNNECESSARY);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
