package dev.tokenledger.projections.usage;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.money.Allocation;
import dev.tokenledger.costs.Events.InfrastructureCostAllocated;
import dev.tokenledger.costs.Events.VendorInvoiceRecorded;
import dev.tokenledger.projections.LedgerTables.MonthlyBySource;
import dev.tokenledger.usage.UsageRecorded;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.tokenledger.projections.usage.UsageTables.InfrastructureShare;
import static dev.tokenledger.projections.usage.UsageTables.MarginMonth;
import static dev.tokenledger.projections.usage.UsageTables.Posting;
import static dev.tokenledger.projections.usage.UsageTables.PostingMonth;

/**
 * Usage and margin reports read from the usage sub-ledger (its postings), with their ties to the general ledger.
 * Periods are posting periods: what the GL shows for the month, late usage included where it was booked.
 */
public class UsageReports {

    /** What a margin report can be broken down by. */
    public enum Dimension { PERIOD, CUSTOMER, MODEL, FEATURE }

    private final DSLContext db;
    private final ChartOfAccounts chart;

    public UsageReports(DSLContext db, ChartOfAccounts chart) {
        this.db = db;
        this.chart = chart;
    }

    /**
     * One line of the margin report, money in {@code currency} as decimals; fully loaded cost = direct cost (compute
     * and third-party fees) + allocated infrastructure; margin per million tokens in the currency, to 4 decimals.
     */
    public record MarginRow(String period, String customer, String model, String feature, String currency,
                            long records, long tokens, BigDecimal revenue, BigDecimal directCost,
                            BigDecimal infrastructure, BigDecimal fullyLoadedCost, BigDecimal margin,
                            BigDecimal marginPercent, BigDecimal marginPerMillionTokens) {
    }

    public record MarginReport(YearMonth from, YearMonth to, Set<Dimension> groupBy, List<MarginRow> rows,
                               List<MarginRow> totals) {
    }

    public MarginReport margin(YearMonth from, YearMonth to, Set<Dimension> groupBy, String customer, String model) {
        // the postings summed by posting month, customer, model and feature (V27), not every posting row
        var condition = MarginMonth.POSTING_MONTH.between(from.toString(), to.toString());
        if (customer != null) {
            condition = condition.and(MarginMonth.CUSTOMER_ID.eq(customer));
        }
        if (model != null) {
            condition = condition.and(MarginMonth.MODEL.eq(model));
        }
        // the grain summed in the database: the dimensions asked for, or, when features are asked for, period,
        // customer and model as well (infrastructure shares are per customer and model, spread over features by
        // tokens). Summed over features, a spread share is the whole share, so without features it is added as is.
        boolean byFeature = groupBy.contains(Dimension.FEATURE);
        boolean[] keep = {byFeature || groupBy.contains(Dimension.PERIOD), byFeature || groupBy.contains(Dimension.CUSTOMER),
                byFeature || groupBy.contains(Dimension.MODEL), byFeature};
        List<org.jooq.Field<String>> dims = List.of(MarginMonth.POSTING_MONTH, MarginMonth.CUSTOMER_ID, MarginMonth.MODEL,
                MarginMonth.FEATURE);
        List<org.jooq.Field<?>> select = new ArrayList<>();
        List<org.jooq.Field<String>> group = new ArrayList<>();
        for (int i = 0; i < dims.size(); i++) {
            if (keep[i]) {
                select.add(dims.get(i));
                group.add(dims.get(i));
            }
        }
        select.addAll(List.of(MarginMonth.CURRENCY, DSL.sum(MarginMonth.RECORDS), DSL.sum(MarginMonth.TOKENS),
                DSL.sum(MarginMonth.REVENUE_MINOR), DSL.sum(MarginMonth.COST_MINOR)));
        group.add(MarginMonth.CURRENCY);
        Map<List<String>, long[]> fine = new LinkedHashMap<>();
        // ordered as before: the spread over features breaks ties in that order
        db.select(select).from(MarginMonth.TABLE).where(condition).groupBy(group).orderBy(group)
                .forEach(r -> {
                    String[] key = new String[5];
                    int at = 0;
                    for (int i = 0; i < 4; i++) {
                        key[i] = keep[i] ? r.get(at++, String.class) : "";
                    }
                    key[4] = r.get(at++, String.class);
                    fine.put(List.of(key), new long[]{r.get(at, BigDecimal.class).longValue(), r.get(at + 1, BigDecimal.class).longValue(),
                            r.get(at + 2, BigDecimal.class).longValue(), r.get(at + 3, BigDecimal.class).longValue(), 0});
                });
        // by period, customer, model and currency: the keys a share is spread over (when features are asked for)
        Map<List<String>, List<List<String>>> byModel = new HashMap<>();
        if (byFeature) {
            fine.keySet().forEach(k -> byModel.computeIfAbsent(List.of(k.get(0), k.get(1), k.get(2), k.get(4)),
                    x -> new ArrayList<>()).add(k));
        }
        var infraCondition = InfrastructureShare.POSTING_DATE.between(from.atDay(1), to.atEndOfMonth());
        if (customer != null) {
            infraCondition = infraCondition.and(InfrastructureShare.CUSTOMER_ID.eq(customer));
        }
        if (model != null) {
            infraCondition = infraCondition.and(InfrastructureShare.MODEL.eq(model));
        }
        var infraMonth = monthOf(InfrastructureShare.POSTING_DATE);
        for (Record r : db.select(infraMonth, InfrastructureShare.CUSTOMER_ID, InfrastructureShare.MODEL,
                        InfrastructureShare.CURRENCY, DSL.sum(InfrastructureShare.AMOUNT_MINOR))
                .from(InfrastructureShare.TABLE).where(infraCondition)
                .groupBy(infraMonth, InfrastructureShare.CUSTOMER_ID, InfrastructureShare.MODEL, InfrastructureShare.CURRENCY)
                .fetch()) {
            String p = keep[0] ? r.get(0, String.class) : "";
            String c = keep[1] ? r.get(1, String.class) : "";
            String m = keep[2] ? r.get(2, String.class) : "";
            String cur = r.get(3, String.class);
            long amount = r.get(4, BigDecimal.class).longValue();
            List<List<String>> keys = byFeature ? byModel.getOrDefault(List.of(p, c, m, cur), List.of()) : List.of();
            if (keys.isEmpty()) {
                fine.computeIfAbsent(List.of(p, c, m, "", cur), k -> new long[5])[4] += amount;
                continue;
            }
            long[] split = Allocation.largestRemainder(amount, keys.stream().map(k -> BigDecimal.valueOf(fine.get(k)[1])).toList());
            for (int i = 0; i < keys.size(); i++) {
                fine.get(keys.get(i))[4] += split[i];
            }
        }
        Map<List<String>, long[]> grouped = new TreeMap<>(MarginRowOrder.INSTANCE);
        Map<List<String>, long[]> totals = new TreeMap<>(MarginRowOrder.INSTANCE);
        fine.forEach((k, v) -> {
            List<String> key = List.of(groupBy.contains(Dimension.PERIOD) ? k.get(0) : "",
                    groupBy.contains(Dimension.CUSTOMER) ? k.get(1) : "", groupBy.contains(Dimension.MODEL) ? k.get(2) : "",
                    groupBy.contains(Dimension.FEATURE) ? k.get(3) : "", k.get(4));
            add(grouped.computeIfAbsent(key, x -> new long[5]), v);
            add(totals.computeIfAbsent(List.of("", "", "", "", k.get(4)), x -> new long[5]), v);
        });
        return new MarginReport(from, to, groupBy.isEmpty() ? EnumSet.noneOf(Dimension.class) : EnumSet.copyOf(groupBy),
                rows(grouped), rows(totals));
    }

    /** YYYY-MM of a date column, as SQL without bind values (so it can be grouped by). */
    private static org.jooq.Field<String> monthOf(org.jooq.Field<java.time.LocalDate> date) {
        return DSL.field("substring(cast({0} as varchar), 1, 7)", String.class, date);
    }

    private static void add(long[] into, long[] v) {
        for (int i = 0; i < into.length; i++) {
            into[i] += v[i];
        }
    }

    private static List<MarginRow> rows(Map<List<String>, long[]> grouped) {
        List<MarginRow> rows = new ArrayList<>();
        grouped.forEach((k, v) -> {
            long fullyLoaded = v[3] + v[4];
            long margin = v[2] - fullyLoaded;
            BigDecimal percent = v[2] == 0 ? null
                    : BigDecimal.valueOf(margin * 100L).divide(BigDecimal.valueOf(v[2]), 2, RoundingMode.HALF_UP);
            String currency = k.get(4);
            BigDecimal perMillion = v[1] == 0 ? null : money(margin, currency).multiply(BigDecimal.valueOf(1_000_000L))
                    .divide(BigDecimal.valueOf(v[1]), 4, RoundingMode.HALF_UP);
            rows.add(new MarginRow(blank(k.get(0)), blank(k.get(1)), blank(k.get(2)), blank(k.get(3)), currency,
                    v[0], v[1], money(v[2], currency), money(v[3], currency), money(v[4], currency),
                    money(fullyLoaded, currency), money(margin, currency), percent, perMillion));
        });
        return rows;
    }

    /** Minor units as a decimal in the currency's major unit ("12.30"). */
    private static BigDecimal money(long minor, String currency) {
        return dev.tokenledger.money.Money.ofMinor(minor, java.util.Currency.getInstance(currency.strip())).amount();
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }

    private enum MarginRowOrder implements java.util.Comparator<List<String>> {
        INSTANCE;

        @Override
        public int compare(List<String> a, List<String> b) {
            for (int i = 0; i < a.size(); i++) {
                int c = a.get(i).compareTo(b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    }

    /**
     * The sub-ledger against the GL for one posting month and currency: revenue and direct cost the usage postings
     * record, and the GL lines of their entries on the usage-revenue and direct-cost accounts.
     */
    public record Tie(String period, String currency, BigDecimal usageRevenue, BigDecimal glRevenue,
                      BigDecimal usageCost, BigDecimal glCost, BigDecimal infrastructure, BigDecimal glInfrastructure,
                      boolean ties) {
    }

    public List<Tie> ties(YearMonth from, YearMonth to) {
        Map<List<String>, long[]> byPeriod = new TreeMap<>(MarginRowOrder.INSTANCE);
        // the sub-ledger side from the postings summed by posting month, not every posting row
        db.select(PostingMonth.POSTING_MONTH, PostingMonth.CURRENCY, DSL.sum(PostingMonth.REVENUE_MINOR), DSL.sum(PostingMonth.COST_MINOR))
                .from(PostingMonth.TABLE).where(PostingMonth.POSTING_MONTH.between(from.toString(), to.toString()))
                .groupBy(PostingMonth.POSTING_MONTH, PostingMonth.CURRENCY)
                .forEach(r -> {
                    long[] v = byPeriod.computeIfAbsent(List.of(r.value1(), r.value2()), k -> new long[6]);
                    v[0] = r.value3().longValueExact();
                    v[2] = r.value4().longValueExact();
                });
        String revenue = chart.accountFor(AccountRole.USAGE_REVENUE).code();
        String compute = chart.accountFor(AccountRole.COGS_COMPUTE).code();
        String thirdParty = chart.accountFor(AccountRole.COGS_THIRD_PARTY_MODELS).code();
        // the GL side from the monthly sums of the lines usage postings made (UsageRecorded), not the lines
        var glRange = MonthlyBySource.POSTING_MONTH.between(from.toString(), to.toString());
        db.select(MonthlyBySource.POSTING_MONTH, MonthlyBySource.CURRENCY, MonthlyBySource.ACCOUNT_CODE,
                        DSL.sum(MonthlyBySource.DEBIT_MINOR), DSL.sum(MonthlyBySource.CREDIT_MINOR))
                .from(MonthlyBySource.TABLE)
                .where(glRange).and(MonthlyBySource.SOURCE_EVENT_TYPE.eq(UsageRecorded.class.getSimpleName()))
                .and(MonthlyBySource.ACCOUNT_CODE.in(revenue, compute, thirdParty))
                .groupBy(MonthlyBySource.POSTING_MONTH, MonthlyBySource.CURRENCY, MonthlyBySource.ACCOUNT_CODE)
                .forEach(r -> {
                    long[] v = byPeriod.computeIfAbsent(List.of(r.value1(), r.value2()), k -> new long[6]);
                    long debit = r.value4().longValue();
                    long credit = r.value5().longValue();
                    if (r.value3().equals(revenue)) {
                        // usage entries credit usage revenue with the gross value; their only debits to it are the
                        // fees of models resold as agent (CostRole.AGENT), which the sub-ledger counts as cost
                        v[1] += credit;
                        v[3] += debit;
                    } else {
                        v[3] += debit - credit;
                    }
                });
        var infraMonth = monthOf(InfrastructureShare.POSTING_DATE);
        db.select(infraMonth, InfrastructureShare.CURRENCY, DSL.sum(InfrastructureShare.AMOUNT_MINOR))
                .from(InfrastructureShare.TABLE)
                .where(InfrastructureShare.POSTING_DATE.between(from.atDay(1), to.atEndOfMonth()))
                .groupBy(infraMonth, InfrastructureShare.CURRENCY)
                .forEach(r -> byPeriod.computeIfAbsent(List.of(r.value1(), r.value2()), k -> new long[6])[4] = r.value3().longValue());
        String infrastructure = chart.accountFor(AccountRole.COGS_INFRASTRUCTURE).code();
        // cost postings (entries "cost:...": vendor invoices and infrastructure allocations) on the infrastructure account
        db.select(MonthlyBySource.POSTING_MONTH, MonthlyBySource.CURRENCY, DSL.sum(MonthlyBySource.DEBIT_MINOR),
                        DSL.sum(MonthlyBySource.CREDIT_MINOR))
                .from(MonthlyBySource.TABLE)
                .where(MonthlyBySource.ACCOUNT_CODE.eq(infrastructure)).and(glRange)
                .and(MonthlyBySource.SOURCE_EVENT_TYPE.in(VendorInvoiceRecorded.class.getSimpleName(),
                        InfrastructureCostAllocated.class.getSimpleName()))
                .groupBy(MonthlyBySource.POSTING_MONTH, MonthlyBySource.CURRENCY)
                .forEach(r -> byPeriod.computeIfAbsent(List.of(r.value1(), r.value2()), k -> new long[6])[5] =
                        r.value3().longValue() - r.value4().longValue());
        List<Tie> ties = new ArrayList<>();
        byPeriod.forEach((k, v) -> ties.add(new Tie(k.get(0), k.get(1), money(v[0], k.get(1)), money(v[1], k.get(1)),
                money(v[2], k.get(1)), money(v[3], k.get(1)), money(v[4], k.get(1)), money(v[5], k.get(1)),
                v[0] == v[1] && v[2] == v[3] && v[4] == v[5])));
        return ties;
    }

    /** A posting group as the sub-ledger holds it: the trace from a GL entry to its records starts here. */
    public record PostingView(String postingId, String entryId, String customerId, String model, String feature,
                              String costRole, String usageMonth, String effectiveDate, String postingDate,
                              boolean priorPeriod, String currency, int records, long tokens, BigDecimal exactValue,
                              BigDecimal revenue, BigDecimal exactCost, BigDecimal cost, String rateCards, String costCards) {
    }

    public List<PostingView> postings(String entryId, String postingId) {
        var condition = entryId != null ? Posting.ENTRY_ID.eq(entryId) : Posting.POSTING_ID.eq(postingId);
        return db.select(Posting.POSTING_ID, Posting.ENTRY_ID, Posting.CUSTOMER_ID, Posting.MODEL, Posting.FEATURE,
                        Posting.COST_ROLE, Posting.USAGE_MONTH, Posting.EFFECTIVE_DATE, Posting.POSTING_DATE,
                        Posting.PRIOR_PERIOD, Posting.CURRENCY, Posting.RECORDS, Posting.TOKENS, Posting.EXACT_VALUE,
                        Posting.REVENUE_MINOR, Posting.EXACT_COST, Posting.COST_MINOR, Posting.RATE_CARDS, Posting.COST_CARDS)
                .from(Posting.TABLE).where(condition)
                .orderBy(Posting.POSTING_ID, Posting.CUSTOMER_ID, Posting.MODEL, Posting.FEATURE, Posting.COST_ROLE)
                .fetch(r -> new PostingView(r.get(Posting.POSTING_ID), r.get(Posting.ENTRY_ID), r.get(Posting.CUSTOMER_ID),
                        r.get(Posting.MODEL), r.get(Posting.FEATURE).isEmpty() ? null : r.get(Posting.FEATURE),
                        r.get(Posting.COST_ROLE), r.get(Posting.USAGE_MONTH), r.get(Posting.EFFECTIVE_DATE).toString(),
                        r.get(Posting.POSTING_DATE).toString(), r.get(Posting.PRIOR_PERIOD), r.get(Posting.CURRENCY).strip(),
                        r.get(Posting.RECORDS), r.get(Posting.TOKENS), r.get(Posting.EXACT_VALUE).stripTrailingZeros(),
                        money(r.get(Posting.REVENUE_MINOR), r.get(Posting.CURRENCY).strip()),
                        r.get(Posting.EXACT_COST).stripTrailingZeros(), money(r.get(Posting.COST_MINOR), r.get(Posting.CURRENCY).strip()),
                        r.get(Posting.RATE_CARDS), r.get(Posting.COST_CARDS)));
    }

    /** Tokens by customer and model for a month: the basis infrastructure cost is allocated by. */
    public List<dev.tokenledger.costs.Commands.UsageShare> tokenShares(YearMonth month, String currency) {
        return db.select(Posting.CUSTOMER_ID, Posting.MODEL, DSL.sum(Posting.TOKENS))
                .from(Posting.TABLE)
                .where(Posting.USAGE_MONTH.eq(month.toString())).and(Posting.CURRENCY.eq(currency))
                .groupBy(Posting.CUSTOMER_ID, Posting.MODEL)
                .orderBy(Posting.CUSTOMER_ID, Posting.MODEL)
                .fetch(r -> new dev.tokenledger.costs.Commands.UsageShare(r.value1(), r.value2(), r.value3().longValue()));
    }
}
