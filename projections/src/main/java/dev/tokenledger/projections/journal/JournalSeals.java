package dev.tokenledger.projections.journal;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.journal.EntryDigest;
import dev.tokenledger.periods.JournalSeal;
import dev.tokenledger.journal.SealDigests;
import dev.tokenledger.projections.LedgerTables.GlLine;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.SortedMap;
import java.util.TreeMap;

import static dev.tokenledger.projections.journal.JournalChainTables.Chain;

/** Computes the seal of a period being closed from the read models (README "Tamper evidence"). */
public class JournalSeals {

    private final DSLContext db;
    private final ChartOfAccounts chart;

    public JournalSeals(DSLContext db, ChartOfAccounts chart) {
        this.db = db;
        this.chart = chart;
    }

    /** The seal of {@code period} over the journal through event-store position {@code throughGlobalIndex}. */
    public JournalSeal seal(YearMonth period, long throughGlobalIndex) {
        Record head = db.select(Chain.SEQ, Chain.CHAIN_HASH).from(Chain.TABLE).where(Chain.GLOBAL_INDEX.le(throughGlobalIndex))
                .orderBy(Chain.SEQ.desc()).limit(1).fetchOne();
        var debit = DSL.sum(GlLine.DEBIT_MINOR);
        var credit = DSL.sum(GlLine.CREDIT_MINOR);
        SortedMap<String, long[]> tb = new TreeMap<>();
        db.select(GlLine.ACCOUNT_CODE, GlLine.CURRENCY, debit, credit).from(GlLine.TABLE)
                .where(GlLine.GLOBAL_INDEX.le(throughGlobalIndex)).and(GlLine.POSTING_DATE.le(period.atEndOfMonth()))
                .groupBy(GlLine.ACCOUNT_CODE, GlLine.CURRENCY)
                .forEach(r -> tb.put(r.get(GlLine.ACCOUNT_CODE) + "|" + r.get(GlLine.CURRENCY),
                        new long[]{r.get(debit, BigDecimal.class).longValueExact(), r.get(credit, BigDecimal.class).longValueExact()}));
        String credits = chart.accountFor(AccountRole.DEFERRED_REVENUE_CREDITS).code();
        String contracts = chart.accountFor(AccountRole.DEFERRED_REVENUE_SUBSCRIPTION).code();
        var balance = DSL.sum(GlLine.CREDIT_MINOR.minus(GlLine.DEBIT_MINOR));
        SortedMap<String, Long> liabilities = new TreeMap<>();
        db.select(GlLine.ACCOUNT_CODE, GlLine.CUSTOMER, GlLine.CREDIT_POOL, GlLine.CONTRACT, GlLine.CURRENCY, balance)
                .from(GlLine.TABLE).where(GlLine.GLOBAL_INDEX.le(throughGlobalIndex))
                .and(GlLine.POSTING_DATE.le(period.atEndOfMonth())).and(GlLine.ACCOUNT_CODE.in(credits, contracts))
                .groupBy(GlLine.ACCOUNT_CODE, GlLine.CUSTOMER, GlLine.CREDIT_POOL, GlLine.CONTRACT, GlLine.CURRENCY)
                .forEach(r -> liabilities.merge(SealDigests.liabilityKey(r.get(GlLine.ACCOUNT_CODE), r.get(GlLine.CUSTOMER),
                        r.get(GlLine.CREDIT_POOL), r.get(GlLine.CONTRACT), r.get(GlLine.CURRENCY)),
                        r.get(balance, BigDecimal.class).longValueExact(), Long::sum));
        return new JournalSeal(throughGlobalIndex, head == null ? 0 : head.get(Chain.SEQ),
                head == null ? EntryDigest.GENESIS : head.get(Chain.CHAIN_HASH), SealDigests.trialBalance(tb),
                SealDigests.rollforward(liabilities));
    }
}
