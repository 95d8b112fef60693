package dev.tokenledger.projections.metrics;

import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.AccountType;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.projections.BatchBuffer;
import dev.tokenledger.projections.ProcessingGroups;
import dev.tokenledger.usage.UsageGroup;
import dev.tokenledger.usage.UsageRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.tokenledger.projections.metrics.MetricTables.PnlMonthly;
import static dev.tokenledger.projections.metrics.MetricTables.RevenueDaily;
import static dev.tokenledger.projections.metrics.MetricTables.TokensMonthly;

/**
 * Aggregates for the consumption metrics (README "Metrics"), summed per batch of events and upserted: recognised
 * revenue per posting day, customer and stream (the revenue account's role), revenue and cost per month and dimension,
 * tokens per month and dimension. Built from journal entries, so every metric on revenue ties to the GL.
 */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class MetricsProjection {

    private static final String BUFFER = MetricsProjection.class.getName();
    /** Roles of the cost layers of fully loaded token margin. */
    static final Set<AccountRole> COST_ROLES = Set.of(AccountRole.COGS_COMPUTE, AccountRole.COGS_THIRD_PARTY_MODELS,
            AccountRole.COGS_INFRASTRUCTURE, AccountRole.PAYMENT_FEES);

    private final DSLContext db;
    private final Map<String, AccountRole> revenueRoles = new HashMap<>();
    private final Map<String, AccountRole> costRoles = new HashMap<>();

    public MetricsProjection(DSLContext db, ChartOfAccounts chart) {
        this.db = db;
        for (Account account : chart.accounts()) {
            account.role().ifPresent(role -> {
                if (account.type() == AccountType.REVENUE) {
                    revenueRoles.put(account.code(), role);
                } else if (COST_ROLES.contains(role)) {
                    costRoles.put(account.code(), role);
                }
            });
        }
    }

    private static final class Pending {
        final Map<List<Object>, BigDecimal> daily = new HashMap<>();
        final Map<List<Object>, BigDecimal> monthly = new HashMap<>();
        final Map<List<Object>, long[]> tokens = new HashMap<>();
    }

    @EventHandler
    void on(PostsJournalEntry event) {
        revenueAndCost(event.journalEntry());
    }

    private void revenueAndCost(PostedEntry entry) {
        if (entry == null) {
            return;
        }
        List<Object[]> changes = new ArrayList<>();
        for (JournalLine line : entry.lines()) {
            AccountRole revenue = revenueRoles.get(line.accountCode());
            AccountRole cost = costRoles.get(line.accountCode());
            if (revenue == null && cost == null) {
                continue;
            }
            long minor = line.amount().minorUnits();
            // revenue grows with credits, cost with debits
            long signed = (revenue != null) == (line.side() == Side.CREDIT) ? minor : -minor;
            changes.add(new Object[]{line, revenue != null ? revenue : cost, signed, revenue != null});
        }
        if (changes.isEmpty()) {
            return;
        }
        String month = YearMonth.from(entry.postingDate()).toString();
        BatchBuffer.write(BUFFER, Pending::new, pending -> {
            for (Object[] c : changes) {
                JournalLine line = (JournalLine) c[0];
                Dimensions d = line.dimensions();
                String currency = line.amount().currency().getCurrencyCode();
                BigDecimal amount = BigDecimal.valueOf((long) c[2]);
                if ((boolean) c[3]) {
                    pending.daily.merge(List.of(entry.postingDate(), currency, orEmpty(d.customer()), ((AccountRole) c[1]).name()),
                            amount, BigDecimal::add);
                }
                pending.monthly.merge(List.of(month, currency, orEmpty(d.customer()), orEmpty(d.model()), orEmpty(d.feature()),
                        ((AccountRole) c[1]).name()), amount, BigDecimal::add);
            }
        }, this::flush);
    }

    /** Axon calls only the most specific handler of a class, so this one books the entry's revenue and cost too. */
    @EventHandler
    void on(UsageRecorded e) {
        revenueAndCost(e.journalEntry());
        BatchBuffer.write(BUFFER, Pending::new, pending -> {
            for (UsageGroup g : e.groups()) {
                long[] t = pending.tokens.computeIfAbsent(List.of(e.month().toString(), e.currency(), e.customerId(),
                        orEmpty(g.model()), orEmpty(g.feature())), k -> new long[2]);
                t[0] += g.tokens();
                t[1] += g.records();
            }
        }, this::flush);
    }

    private void flush(Pending p) {
        if (!p.daily.isEmpty()) {
            var batch = db.batch(db.insertInto(RevenueDaily.TABLE, RevenueDaily.DAY, RevenueDaily.CURRENCY,
                            RevenueDaily.CUSTOMER, RevenueDaily.STREAM, RevenueDaily.AMOUNT)
                    .values((java.time.LocalDate) null, null, null, null, null)
                    .onConflict(RevenueDaily.DAY, RevenueDaily.CURRENCY, RevenueDaily.CUSTOMER, RevenueDaily.STREAM)
                    .doUpdate().set(RevenueDaily.AMOUNT, RevenueDaily.AMOUNT.plus(DSL.excluded(RevenueDaily.AMOUNT))));
            for (var e : p.daily.entrySet()) {
                List<Object> k = e.getKey();
                batch = batch.bind(k.get(0), k.get(1), k.get(2), k.get(3), e.getValue());
            }
            batch.execute();
        }
        if (!p.monthly.isEmpty()) {
            var batch = db.batch(db.insertInto(PnlMonthly.TABLE, PnlMonthly.MONTH, PnlMonthly.CURRENCY, PnlMonthly.CUSTOMER,
                            PnlMonthly.MODEL, PnlMonthly.FEATURE, PnlMonthly.ROLE, PnlMonthly.AMOUNT)
                    .values((String) null, null, null, null, null, null, null)
                    .onConflict(PnlMonthly.MONTH, PnlMonthly.CURRENCY, PnlMonthly.CUSTOMER, PnlMonthly.MODEL,
                            PnlMonthly.FEATURE, PnlMonthly.ROLE)
                    .doUpdate().set(PnlMonthly.AMOUNT, PnlMonthly.AMOUNT.plus(DSL.excluded(PnlMonthly.AMOUNT))));
            for (var e : p.monthly.entrySet()) {
                List<Object> k = e.getKey();
                batch = batch.bind(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), k.get(5), e.getValue());
            }
            batch.execute();
        }
        if (!p.tokens.isEmpty()) {
            var batch = db.batch(db.insertInto(TokensMonthly.TABLE, TokensMonthly.MONTH, TokensMonthly.CURRENCY,
                            TokensMonthly.CUSTOMER, TokensMonthly.MODEL, TokensMonthly.FEATURE, TokensMonthly.TOKENS,
                            TokensMonthly.RECORDS)
                    .values((String) null, null, null, null, null, null, null)
                    .onConflict(TokensMonthly.MONTH, TokensMonthly.CURRENCY, TokensMonthly.CUSTOMER, TokensMonthly.MODEL,
                            TokensMonthly.FEATURE)
                    .doUpdate().set(TokensMonthly.TOKENS, TokensMonthly.TOKENS.plus(DSL.excluded(TokensMonthly.TOKENS)))
                    .set(TokensMonthly.RECORDS, TokensMonthly.RECORDS.plus(DSL.excluded(TokensMonthly.RECORDS))));
            for (var e : p.tokens.entrySet()) {
                List<Object> k = e.getKey();
                BigDecimal tokens = BigDecimal.valueOf(e.getValue()[0]);
                batch = batch.bind(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), tokens, e.getValue()[1]);
            }
            batch.execute();
        }
    }

    @ResetHandler
    void reset() {
        db.truncate(RevenueDaily.TABLE).execute();
        db.truncate(PnlMonthly.TABLE).execute();
        db.truncate(TokensMonthly.TABLE).execute();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
