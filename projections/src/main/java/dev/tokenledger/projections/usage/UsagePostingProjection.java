package dev.tokenledger.projections.usage;

import dev.tokenledger.costs.Events.AllocatedShare;
import dev.tokenledger.costs.Events.InfrastructureCostAllocated;
import dev.tokenledger.projections.BatchBuffer;
import dev.tokenledger.projections.JdbcBatch;
import dev.tokenledger.projections.ProcessingGroups;
import dev.tokenledger.usage.UsageGroup;
import dev.tokenledger.usage.UsageRecord;
import dev.tokenledger.usage.UsageRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import static dev.tokenledger.projections.usage.UsageTables.InfrastructureShare;
import static dev.tokenledger.projections.usage.UsageTables.MarginMonth;
import static dev.tokenledger.projections.usage.UsageTables.Posting;
import static dev.tokenledger.projections.usage.UsageTables.PostingMonth;

/** The usage sub-ledger's postings and infrastructure shares, written in JDBC batches per event batch. */
@ProcessingGroup(ProcessingGroups.LEDGER)
public class UsagePostingProjection {

    private static final String BUFFER = UsagePostingProjection.class.getName() + ".pending";
    private final DSLContext db;

    public UsagePostingProjection(DSLContext db) {
        this.db = db;
    }

    private final class Pending {
        final List<Object[]> rows = new ArrayList<>();
        /** Records, exact value and cost, revenue and cost (minor units) per usage month, posting month, currency. */
        final java.util.Map<List<String>, Object[]> months = new java.util.LinkedHashMap<>();
        /** Records, tokens, revenue and cost (minor units) per posting month, customer, model, feature, currency. */
        final java.util.Map<List<String>, BigDecimal[]> margins = new java.util.TreeMap<>(UsagePostingProjection::compareKeys);

        void flush() {
            if (rows.isEmpty()) {
                return;
            }
            var upsert = db.batch(db.insertInto(PostingMonth.TABLE, PostingMonth.USAGE_MONTH, PostingMonth.POSTING_MONTH,
                            PostingMonth.CURRENCY, PostingMonth.RECORDS, PostingMonth.EXACT_VALUE, PostingMonth.EXACT_COST,
                            PostingMonth.REVENUE_MINOR, PostingMonth.COST_MINOR)
                    .values((String) null, null, null, null, null, null, null, null)
                    .onConflict(PostingMonth.USAGE_MONTH, PostingMonth.POSTING_MONTH, PostingMonth.CURRENCY)
                    .doUpdate()
                    .set(PostingMonth.RECORDS, PostingMonth.RECORDS.plus(DSL.excluded(PostingMonth.RECORDS)))
                    .set(PostingMonth.EXACT_VALUE, PostingMonth.EXACT_VALUE.plus(DSL.excluded(PostingMonth.EXACT_VALUE)))
                    .set(PostingMonth.EXACT_COST, PostingMonth.EXACT_COST.plus(DSL.excluded(PostingMonth.EXACT_COST)))
                    .set(PostingMonth.REVENUE_MINOR, PostingMonth.REVENUE_MINOR.plus(DSL.excluded(PostingMonth.REVENUE_MINOR)))
                    .set(PostingMonth.COST_MINOR, PostingMonth.COST_MINOR.plus(DSL.excluded(PostingMonth.COST_MINOR))));
            for (var month : months.entrySet()) {
                Object[] v = month.getValue();
                upsert = upsert.bind(month.getKey().get(0), month.getKey().get(1), month.getKey().get(2),
                        v[0], v[1], v[2], v[3], v[4]);
            }
            upsert.execute();
            var margin = db.batch(db.insertInto(MarginMonth.TABLE, MarginMonth.POSTING_MONTH, MarginMonth.CUSTOMER_ID,
                            MarginMonth.MODEL, MarginMonth.FEATURE, MarginMonth.CURRENCY, MarginMonth.RECORDS,
                            MarginMonth.TOKENS, MarginMonth.REVENUE_MINOR, MarginMonth.COST_MINOR)
                    .values((String) null, null, null, null, null, null, null, null, null)
                    .onConflict(MarginMonth.POSTING_MONTH, MarginMonth.CUSTOMER_ID, MarginMonth.MODEL, MarginMonth.FEATURE,
                            MarginMonth.CURRENCY)
                    .doUpdate()
                    .set(MarginMonth.RECORDS, MarginMonth.RECORDS.plus(DSL.excluded(MarginMonth.RECORDS)))
                    .set(MarginMonth.TOKENS, MarginMonth.TOKENS.plus(DSL.excluded(MarginMonth.TOKENS)))
                    .set(MarginMonth.REVENUE_MINOR, MarginMonth.REVENUE_MINOR.plus(DSL.excluded(MarginMonth.REVENUE_MINOR)))
                    .set(MarginMonth.COST_MINOR, MarginMonth.COST_MINOR.plus(DSL.excluded(MarginMonth.COST_MINOR))));
            // in key order (a TreeMap), so two writers lock shared rows in the same order
            for (var m : margins.entrySet()) {
                List<String> k = m.getKey();
                BigDecimal[] v = m.getValue();
                long records = v[0].longValueExact();
                margin = margin.bind(k.get(0), k.get(1), k.get(2), k.get(3), k.get(4), records, v[1], v[2], v[3]);
            }
            margin.execute();
            JdbcBatch.execute(db, db.insertInto(Posting.TABLE, Posting.POSTING_ID, Posting.CUSTOMER_ID, Posting.MODEL,
                    Posting.FEATURE, Posting.COST_ROLE, Posting.BATCH_ID, Posting.ENTRY_ID, Posting.USAGE_MONTH,
                    Posting.EFFECTIVE_DATE, Posting.POSTING_DATE, Posting.PRIOR_PERIOD, Posting.CURRENCY,
                    Posting.RECORDS, Posting.TOKENS, Posting.INPUT_TOKENS, Posting.OUTPUT_TOKENS, Posting.CACHED_TOKENS,
                    Posting.EXACT_VALUE, Posting.REVENUE_MINOR, Posting.EXACT_COST, Posting.COST_MINOR,
                    Posting.RATE_CARDS, Posting.COST_CARDS).values((Object[]) new Object[23]), rows);
        }
    }

    @EventHandler
    void on(UsageRecorded e) {
        var entry = e.journalEntry();
        BatchBuffer.write(BUFFER, Pending::new, pending -> {
            java.time.LocalDate postingDate = entry == null ? e.effectiveDate() : entry.postingDate();
            Object[] month = pending.months.computeIfAbsent(List.of(e.month().toString(),
                    postingDate.toString().substring(0, 7), e.currency()),
                    k -> new Object[]{0L, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            for (UsageGroup g : e.groups()) {
                month[0] = (long) month[0] + g.records();
                month[1] = ((BigDecimal) month[1]).add(g.value());
                month[2] = ((BigDecimal) month[2]).add(g.cost());
                month[3] = ((BigDecimal) month[3]).add(BigDecimal.valueOf(g.revenueMinor()));
                month[4] = ((BigDecimal) month[4]).add(BigDecimal.valueOf(g.costMinor()));
                BigDecimal[] byMonth = pending.margins.computeIfAbsent(List.of(postingDate.toString().substring(0, 7),
                        e.customerId(), g.model(), g.feature() == null ? "" : g.feature(), e.currency()),
                        k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
                byMonth[0] = byMonth[0].add(BigDecimal.valueOf(g.records()));
                byMonth[1] = byMonth[1].add(BigDecimal.valueOf(g.tokens()));
                byMonth[2] = byMonth[2].add(BigDecimal.valueOf(g.revenueMinor()));
                byMonth[3] = byMonth[3].add(BigDecimal.valueOf(g.costMinor()));
                pending.rows.add(new Object[]{e.postingId(), e.customerId(), g.model(),
                        g.feature() == null ? "" : g.feature(), g.costRole().name(), e.batchId(),
                        entry == null ? null : entry.entryId(), e.month().toString(), e.effectiveDate(),
                        entry == null ? e.effectiveDate() : entry.postingDate(), entry != null && entry.priorPeriod(),
                        e.currency(), g.records(), g.tokens(),
                        g.quantities().getOrDefault(UsageRecord.INPUT_TOKENS, 0L),
                        g.quantities().getOrDefault(UsageRecord.OUTPUT_TOKENS, 0L),
                        g.quantities().getOrDefault(UsageRecord.CACHED_TOKENS, 0L),
                        g.value(), g.revenueMinor(), g.cost(), g.costMinor(),
                        String.join(",", e.rateCards()), String.join(",", e.costCards())});
            }
        }, Pending::flush);
    }

    @EventHandler
    void on(InfrastructureCostAllocated e) {
        for (AllocatedShare s : e.shares()) {
            db.insertInto(InfrastructureShare.TABLE)
                    .set(InfrastructureShare.ALLOCATION_ID, e.allocationId())
                    .set(InfrastructureShare.CUSTOMER_ID, s.customerId())
                    .set(InfrastructureShare.MODEL, s.model())
                    .set(InfrastructureShare.USAGE_MONTH, e.period().toString())
                    .set(InfrastructureShare.POSTING_DATE, e.journalEntry().postingDate())
                    .set(InfrastructureShare.CURRENCY, e.currency())
                    .set(InfrastructureShare.TOKENS, s.tokens())
                    .set(InfrastructureShare.AMOUNT_MINOR, s.amountMinor())
                    .execute();
        }
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    @ResetHandler
    void reset() {
        db.truncate(Posting.TABLE).execute();
        db.truncate(PostingMonth.TABLE).execute();
        db.truncate(MarginMonth.TABLE).execute();
        db.truncate(InfrastructureShare.TABLE).execute();
    }
}
