package dev.tokenledger.projections.usage;

import dev.tokenledger.costs.Events.AllocatedShare;
import dev.tokenledger.costs.Events.InfrastructureCostAllocated;
import dev.tokenledger.projections.BatchBuffer;
import dev.tokenledger.projections.ProcessingGroups;
import dev.tokenledger.usage.UsageGroup;
import dev.tokenledger.usage.UsageRecord;
import dev.tokenledger.usage.UsageRecorded;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.jooq.DSLContext;

import java.util.ArrayList;
import java.util.List;

import static dev.tokenledger.projections.usage.UsageTables.InfrastructureShare;
import static dev.tokenledger.projections.usage.UsageTables.Posting;

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

        void flush() {
            if (rows.isEmpty()) {
                return;
            }
            var batch = db.batch(db.insertInto(Posting.TABLE, Posting.POSTING_ID, Posting.CUSTOMER_ID, Posting.MODEL,
                    Posting.FEATURE, Posting.COST_ROLE, Posting.BATCH_ID, Posting.ENTRY_ID, Posting.USAGE_MONTH,
                    Posting.EFFECTIVE_DATE, Posting.POSTING_DATE, Posting.PRIOR_PERIOD, Posting.CURRENCY,
                    Posting.RECORDS, Posting.TOKENS, Posting.INPUT_TOKENS, Posting.OUTPUT_TOKENS, Posting.CACHED_TOKENS,
                    Posting.EXACT_VALUE, Posting.REVENUE_MINOR, Posting.EXACT_COST, Posting.COST_MINOR,
                    Posting.RATE_CARDS, Posting.COST_CARDS).values((Object[]) new Object[23]));
            for (Object[] row : rows) {
                batch = batch.bind(row);
            }
            batch.execute();
        }
    }

    @EventHandler
    void on(UsageRecorded e) {
        var entry = e.journalEntry();
        BatchBuffer.write(BUFFER, Pending::new, pending -> {
            for (UsageGroup g : e.groups()) {
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

    @ResetHandler
    void reset() {
        db.truncate(Posting.TABLE).execute();
        db.truncate(InfrastructureShare.TABLE).execute();
    }
}
