package dev.tokenledger.projections.metrics;

import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.AccountType;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.projections.LedgerTables.GlLine;
import dev.tokenledger.money.Money;
import org.jooq.CaseWhenStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.tokenledger.projections.metrics.MetricTables.RevenueDaily;

/**
 * The consumption metrics (accounting brief 7; README "Metrics"), computed from the metric projections: recognised
 * revenue per day and customer (so every revenue figure ties to the GL), revenue and costs per month and dimension,
 * tokens per month. Money is decimal in the currency's major unit; ratios are decimals with 6 places.
 */
public class MetricsReports {

    static final MathContext MC = MathContext.DECIMAL64;
    static final String USAGE = "USAGE_REVENUE";

    private final DSLContext db;
    /** Revenue account code -> its revenue role (the stream), from the chart. */
    private final Map<String, String> revenueStreams;
    /** Recognised revenue per day, customer and stream: the projection, or the GL lines recorded by an instant. */
    private final Table<?> revenueDaily;
    private final Instant knownAt;

    public MetricsReports(DSLContext db, ChartOfAccounts chart) {
        this(db, revenueStreams(chart), RevenueDaily.TABLE, null);
    }

    private MetricsReports(DSLContext db, Map<String, String> revenueStreams, Table<?> revenueDaily, Instant knownAt) {
        this.db = db;
        this.revenueStreams = revenueStreams;
        this.revenueDaily = revenueDaily;
        this.knownAt = knownAt;
    }

    private static Map<String, String> revenueStreams(ChartOfAccounts chart) {
        Map<String, String> streams = new TreeMap<>();
        for (Account account : chart.accounts()) {
            if (account.type() == AccountType.REVENUE) {
                account.role().ifPresent(role -> streams.put(account.code(), role.name()));
            }
        }
        return streams;
    }

    /**
     * The revenue metrics as the ledger knew them at {@code knownAt} ("what did the books say then?"): the same
     * computations over the GL lines recorded by then (their posting dates, revenue accounts and customers, as the
     * metric projection books them) instead of the projection, which keeps days but not recording times. Slower (a
     * scan of the revenue lines of the dates asked for), and only for metrics built from recognised revenue.
     */
    public MetricsReports asKnownAt(Instant knownAt) {
        if (knownAt == null) {
            return this;
        }
        CaseWhenStep<String, String> stream = null;
        for (Map.Entry<String, String> e : revenueStreams.entrySet()) {
            stream = stream == null ? DSL.case_(GlLine.ACCOUNT_CODE).when(e.getKey(), DSL.inline(e.getValue()))
                    : stream.when(e.getKey(), DSL.inline(e.getValue()));
        }
        Field<String> streamOf = stream == null ? DSL.inline("") : stream.otherwise(DSL.inline(""));
        Table<?> known = DSL.select(GlLine.POSTING_DATE.as(RevenueDaily.DAY.getName()),
                        GlLine.CURRENCY.as(RevenueDaily.CURRENCY.getName()),
                        DSL.coalesce(GlLine.CUSTOMER, DSL.inline("")).as(RevenueDaily.CUSTOMER.getName()),
                        streamOf.as(RevenueDaily.STREAM.getName()),
                        DSL.sum(GlLine.CREDIT_MINOR.minus(GlLine.DEBIT_MINOR)).as(RevenueDaily.AMOUNT.getName()))
                .from(GlLine.TABLE)
                .where(GlLine.ACCOUNT_CODE.in(revenueStreams.keySet()))
                .and(GlLine.RECORDED_AT.le(knownAt.atOffset(ZoneOffset.UTC)))
                .groupBy(GlLine.POSTING_DATE, GlLine.CURRENCY, GlLine.CUSTOMER, GlLine.ACCOUNT_CODE)
                .asTable(RevenueDaily.N);
        return new MetricsReports(db, revenueStreams, known, knownAt);
    }

    /** The instant the figures stand at, when asked for one ({@link #asKnownAt}); null for the books as they are. */
    public Instant knownAt() {
        return knownAt;
    }

    // --- inputs -------------------------------------------------------------------------------------------------

    /** Minor units per day (index 0 = {@code from}) of the streams given (all when empty), one customer or all. */
    long[] dailyRevenue(LocalDate from, LocalDate to, String currency, Collection<String> streams, String customer) {
        long[] days = new long[(int) ChronoUnit.DAYS.between(from, to) + 1];
        Condition where = RevenueDaily.CURRENCY.eq(currency).and(RevenueDaily.DAY.between(from, to));
        if (!streams.isEmpty()) {
            where = where.and(RevenueDaily.STREAM.in(streams));
        }
        if (customer != null) {
            where = where.and(RevenueDaily.CUSTOMER.eq(customer));
        }
        var sum = DSL.sum(RevenueDaily.AMOUNT);
        db.select(RevenueDaily.DAY, sum).from(revenueDaily).where(where).groupBy(RevenueDaily.DAY)
                .forEach(r -> days[(int) ChronoUnit.DAYS.between(from, r.get(RevenueDaily.DAY))] = r.get(sum, BigDecimal.class).longValueExact());
        return days;
    }

    /** Usage revenue (billable consumption) per customer over [from, to]. */
    Map<String, Long> byCustomer(LocalDate from, LocalDate to, String currency) {
        Map<String, Long> result = new TreeMap<>();
        var sum = DSL.sum(RevenueDaily.AMOUNT);
        db.select(RevenueDaily.CUSTOMER, sum).from(revenueDaily)
                .where(RevenueDaily.CURRENCY.eq(currency)).and(RevenueDaily.DAY.between(from, to))
                .and(RevenueDaily.STREAM.eq(USAGE)).and(RevenueDaily.CUSTOMER.ne(""))
                .groupBy(RevenueDaily.CUSTOMER)
                .forEach(r -> result.put(r.get(RevenueDaily.CUSTOMER), r.get(sum, BigDecimal.class).longValueExact()));
        return result;
    }

    /** Usage revenue per customer and month, through {@code to}. */
    Map<String, TreeMap<YearMonth, Long>> monthlyByCustomer(LocalDate to, String currency) {
        Map<String, TreeMap<YearMonth, Long>> result = new TreeMap<>();
        var month = DSL.field("substring(cast({0} as varchar(10)), 1, 7)", String.class, RevenueDaily.DAY);
        var sum = DSL.sum(RevenueDaily.AMOUNT);
        db.select(RevenueDaily.CUSTOMER, month, sum).from(revenueDaily)
                .where(RevenueDaily.CURRENCY.eq(currency)).and(RevenueDaily.DAY.le(to)).and(RevenueDaily.STREAM.eq(USAGE))
                .and(RevenueDaily.CUSTOMER.ne("")).groupBy(RevenueDaily.CUSTOMER, month)
                .forEach(r -> result.computeIfAbsent(r.get(RevenueDaily.CUSTOMER), c -> new TreeMap<>())
                        .put(YearMonth.parse(r.get(month)), r.get(sum, BigDecimal.class).longValueExact()));
        return result;
    }

    /** The last day with recognised revenue (the dashboard's default "as of"), or null. */
    public LocalDate latestDay(String currency) {
        return db.select(DSL.max(RevenueDaily.DAY)).from(revenueDaily).where(RevenueDaily.CURRENCY.eq(currency))
                .fetchOne(0, LocalDate.class);
    }

    // --- run rate -------------------------------------------------------------------------------------------------

    public record Bands(BigDecimal p10, BigDecimal p90, BigDecimal mean, BigDecimal minusOneSd, BigDecimal plusOneSd) {
    }

    public record RunRatePoint(LocalDate day, BigDecimal runRate, BigDecimal p10, BigDecimal p90) {
    }

    public record RunRate(LocalDate asOf, String currency, List<String> streams, String customer,
                          BigDecimal trailing30Revenue, BigDecimal runRate, Bands bands, int windows,
                          List<RunRatePoint> series, String definition) {
    }

    /**
     * Run rate = recognised revenue of the trailing 30 days x 365/30; bands from the 61 rolling 30-day windows that
     * lie within the trailing 90 days, each annualised the same way: P10 and P90 (linear interpolation between
     * order statistics, as spreadsheets' PERCENTILE.INC), mean and one sample standard deviation either side.
     *
     * @param seriesDays how many days of run rate (with its bands) to give for a chart, ending at {@code asOf}
     */
    public RunRate runRate(LocalDate asOf, String currency, List<String> streams, String customer, int seriesDays) {
        Currency c = Currency.getInstance(currency);
        LocalDate from = asOf.minusDays(seriesDays + 89L);
        long[] days = dailyRevenue(from, asOf, currency, streams, customer);
        int last = days.length - 1;
        long trailing = window(days, last);
        List<RunRatePoint> series = new ArrayList<>();
        for (int i = Math.max(89, last - seriesDays + 1); i <= last; i++) {
            BigDecimal[] annualised = windows(days, i);
            series.add(new RunRatePoint(from.plusDays(i), annualise(window(days, i), c),
                    money(percentile(annualised, 0.10), c), money(percentile(annualised, 0.90), c)));
        }
        BigDecimal[] annualised = windows(days, last);
        BigDecimal mean = mean(annualised);
        BigDecimal sd = standardDeviation(annualised, mean);
        return new RunRate(asOf, currency, streams, customer, minor(trailing, c), annualise(trailing, c),
                new Bands(money(percentile(annualised, 0.10), c), money(percentile(annualised, 0.90), c), money(mean, c),
                        money(mean.subtract(sd), c), money(mean.add(sd), c)), annualised.length, series,
                "recognised revenue of the 30 days through asOf x 365/30; bands: P10/P90 and mean +/- 1 sample standard "
                        + "deviation of the 61 rolling 30-day windows within the trailing 90 days, annualised alike");
    }

    static long window(long[] days, int end) {
        long sum = 0;
        for (int i = Math.max(0, end - 29); i <= end; i++) {
            sum += days[i];
        }
        return sum;
    }

    /** The annualised (x 365/30) sums, in minor units, of the windows ending at end-60 .. end, exactly. */
    static BigDecimal[] windows(long[] days, int end) {
        BigDecimal[] result = new BigDecimal[61];
        for (int k = 0; k < 61; k++) {
            result[k] = BigDecimal.valueOf(window(days, end - 60 + k)).multiply(BigDecimal.valueOf(365))
                    .divide(BigDecimal.valueOf(30), MC);
        }
        return result;
    }

    /** PERCENTILE.INC: linear interpolation between the order statistics. */
    static BigDecimal percentile(BigDecimal[] values, double p) {
        BigDecimal[] sorted = values.clone();
        Arrays.sort(sorted);
        BigDecimal rank = BigDecimal.valueOf(p).multiply(BigDecimal.valueOf(sorted.length - 1L));
        int low = rank.setScale(0, RoundingMode.FLOOR).intValueExact();
        int high = rank.setScale(0, RoundingMode.CEILING).intValueExact();
        return sorted[low].add(sorted[high].subtract(sorted[low]).multiply(rank.subtract(BigDecimal.valueOf(low))));
    }

    static BigDecimal mean(BigDecimal[] values) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            sum = sum.add(v);
        }
        return values.length == 0 ? BigDecimal.ZERO : sum.divide(BigDecimal.valueOf(values.length), MC);
    }

    static BigDecimal standardDeviation(BigDecimal[] values, BigDecimal mean) {
        if (values.length < 2) {
            return BigDecimal.ZERO;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : values) {
            sum = sum.add(v.subtract(mean).pow(2));
        }
        return sum.divide(BigDecimal.valueOf(values.length - 1L), MC).sqrt(MC);
    }

    /** Shares and other ratios: their percentiles in double are fine (they are not money). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p * (sorted.length - 1);
        int low = (int) Math.floor(rank);
        int high = (int) Math.ceil(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    // --- active customers, average value ----------------------------------------------------------------------

    public record ActivePoint(LocalDate day, int active7, int active30) {
    }

    public record ActiveCustomers(LocalDate asOf, String currency, BigDecimal threshold, int active7Days,
                                  int active30Days, List<ActivePoint> weekly, String definition, EndUsers endUsers) {

        public ActiveCustomers withEndUsers(EndUsers counted) {
            return new ActiveCustomers(asOf, currency, threshold, active7Days, active30Days, weekly, definition, counted);
        }
    }

    /** Distinct end users with billable usage in the trailing 7 and 30 days, counted from the usage ledger's records. */
    public record EndUsers(long active7Days, long active30Days, String definition) {
    }

    /** Customers with usage revenue (billable consumption) above {@code threshold} in the trailing 7 and 30 days. */
    public ActiveCustomers activeCustomers(LocalDate asOf, String currency, BigDecimal threshold, int weeks) {
        Currency c = Currency.getInstance(currency);
        long floor = threshold.movePointRight(Money.fractionDigits(c)).setScale(0, RoundingMode.DOWN).longValueExact();
        LocalDate from = asOf.minusDays(weeks * 7L + 29);
        Map<String, long[]> perCustomer = new HashMap<>();
        var sum = DSL.sum(RevenueDaily.AMOUNT);
        int length = (int) ChronoUnit.DAYS.between(from, asOf) + 1;
        db.select(RevenueDaily.CUSTOMER, RevenueDaily.DAY, sum).from(revenueDaily)
                .where(RevenueDaily.CURRENCY.eq(currency)).and(RevenueDaily.DAY.between(from, asOf))
                .and(RevenueDaily.STREAM.eq(USAGE)).and(RevenueDaily.CUSTOMER.ne(""))
                .groupBy(RevenueDaily.CUSTOMER, RevenueDaily.DAY)
                .forEach(r -> perCustomer.computeIfAbsent(r.get(RevenueDaily.CUSTOMER), k -> new long[length])
                        [(int) ChronoUnit.DAYS.between(from, r.get(RevenueDaily.DAY))] = r.get(sum, BigDecimal.class).longValueExact());
        List<ActivePoint> points = new ArrayList<>();
        for (int w = weeks - 1; w >= 0; w--) {
            int end = length - 1 - w * 7;
            points.add(new ActivePoint(from.plusDays(end), count(perCustomer, end, 7, floor), count(perCustomer, end, 30, floor)));
        }
        return new ActiveCustomers(asOf, currency, threshold, count(perCustomer, length - 1, 7, floor),
                count(perCustomer, length - 1, 30, floor), points,
                "customers whose recognised usage revenue (usage drawn from paid credits and overage) in the 7 and 30 "
                        + "days through the date is above the threshold",
                null);
    }

    private static int count(Map<String, long[]> perCustomer, int end, int days, long floor) {
        int active = 0;
        for (long[] series : perCustomer.values()) {
            long sum = 0;
            for (int i = Math.max(0, end - days + 1); i <= end; i++) {
                sum += series[i];
            }
            if (sum > floor) {
                active++;
            }
        }
        return active;
    }

    public record AverageValue(LocalDate asOf, String currency, int activeCustomers, BigDecimal mean, BigDecimal median,
                               String definition) {
    }

    /** Per customer active in the trailing 90 days: their usage revenue x 365/90; the mean and the median. */
    public AverageValue averageValue(LocalDate asOf, String currency) {
        Currency c = Currency.getInstance(currency);
        BigDecimal[] values = byCustomer(asOf.minusDays(89), asOf, currency).values().stream().filter(v -> v > 0)
                .map(v -> BigDecimal.valueOf(v).multiply(BigDecimal.valueOf(365)).divide(BigDecimal.valueOf(90), MC))
                .toArray(BigDecimal[]::new);
        BigDecimal mean = mean(values);
        BigDecimal median = values.length == 0 ? BigDecimal.ZERO : percentile(values, 0.5);
        return new AverageValue(asOf, currency, values.length, money(mean, c), money(median, c),
                "usage revenue of the 90 days through asOf x 365/90, per customer with any; mean and median");
    }

    // --- cohorts and retention -----------------------------------------------------------------------------------

    public record CohortRow(String cohort, int customers, List<BigDecimal> values, List<BigDecimal> expansion) {
    }

    public record Cohorts(LocalDate asOf, String currency, int months, List<CohortRow> rows, String definition) {
    }

    /**
     * Cohort = month of a customer's first usage revenue; row k (0 = the cohort month, partial) gives the cohort's
     * usage revenue in month k and its ratio to month 1 (so month 1 is 1.0).
     */
    public Cohorts cohorts(LocalDate asOf, String currency, int months) {
        Currency c = Currency.getInstance(currency);
        Map<YearMonth, long[]> values = new TreeMap<>();
        Map<YearMonth, Integer> sizes = new TreeMap<>();
        for (TreeMap<YearMonth, Long> series : monthlyByCustomer(asOf, currency).values()) {
            YearMonth cohort = series.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).findFirst().orElse(null);
            if (cohort == null || cohort.isBefore(YearMonth.from(asOf).minusMonths(months - 1L))) {
                continue;
            }
            sizes.merge(cohort, 1, Integer::sum);
            long[] row = values.computeIfAbsent(cohort, k -> new long[months]);
            series.forEach((month, amount) -> {
                long k = cohort.until(month, ChronoUnit.MONTHS);
                if (k >= 0 && k < months) {
                    row[(int) k] += amount;
                }
            });
        }
        List<CohortRow> rows = new ArrayList<>();
        YearMonth current = YearMonth.from(asOf);
        values.forEach((cohort, row) -> {
            List<BigDecimal> amounts = new ArrayList<>();
            List<BigDecimal> expansion = new ArrayList<>();
            int visible = (int) Math.min(months, cohort.until(current, ChronoUnit.MONTHS) + 1);
            for (int k = 0; k < visible; k++) {
                amounts.add(minor(row[k], c));
                expansion.add(row.length > 1 && row[1] != 0 ? ratio(row[k], row[1]) : null);
            }
            rows.add(new CohortRow(cohort.toString(), sizes.get(cohort), amounts, expansion));
        });
        return new Cohorts(asOf, currency, months, rows, "cohort: the month of a customer's first usage revenue; values: "
                + "the cohort's usage revenue in month k after it (0 = the cohort month, partial); expansion: month k over month 1");
    }

    public record Retention(LocalDate asOf, String currency, int windowDays, int lookbackDays, BigDecimal floor,
                            List<String> excluded, int customers, BigDecimal baseRevenue, BigDecimal currentRevenue,
                            BigDecimal netUsageRetention, String definition) {
    }

    /**
     * Net usage (dollar) retention: the usage revenue of the {@code window} days through asOf of the customers who had
     * more than {@code floor} in the same window {@code lookback} days earlier, over that earlier revenue.
     */
    public Retention netUsageRetention(LocalDate asOf, String currency, int window, int lookback, BigDecimal floor,
                                       List<String> excluded) {
        Currency c = Currency.getInstance(currency);
        long floorMinor = floor.movePointRight(Money.fractionDigits(c)).setScale(0, RoundingMode.DOWN).longValueExact();
        Map<String, Long> earlier = byCustomer(asOf.minusDays(lookback + window - 1L), asOf.minusDays(lookback), currency);
        Map<String, Long> now = byCustomer(asOf.minusDays(window - 1L), asOf, currency);
        long base = 0;
        long current = 0;
        int customers = 0;
        for (var e : earlier.entrySet()) {
            if (e.getValue() > floorMinor && !excluded.contains(e.getKey())) {
                base += e.getValue();
                current += now.getOrDefault(e.getKey(), 0L);
                customers++;
            }
        }
        return new Retention(asOf, currency, window, lookback, floor, excluded, customers, minor(base, c), minor(current, c),
                base == 0 ? null : ratio(current, base),
                "usage revenue of the window through asOf of the customers with more than the floor in the same window "
                        + "lookback days earlier (none excluded unless listed), over their earlier usage revenue");
    }

    // --- velocity, concentration, segments ----------------------------------------------------------------------

    public record CustomerVelocity(String customer, String cohort, String segment, BigDecimal trailing30,
                                   BigDecimal prior30, BigDecimal growth30, BigDecimal compoundedWeeklyGrowth,
                                   BigDecimal value90Annualised) {
    }

    public record GroupMedian(String group, int customers, BigDecimal medianGrowth30, BigDecimal medianWeeklyGrowth) {
    }

    public record Velocity(LocalDate asOf, String currency, List<CustomerVelocity> customers, List<GroupMedian> byCohort,
                           List<GroupMedian> bySegment, String definition) {
    }

    /**
     * Per customer: growth of the trailing 30 days over the 30 before; compounded weekly growth over the last 12
     * weeks, (week 12 / week 1)^(1/11) - 1; medians per cohort and per segment (segments by annualised 90-day value:
     * ENTERPRISE from {@code enterpriseFrom}, MID from {@code midFrom}, else SELF_SERVE).
     */
    public Velocity velocity(LocalDate asOf, String currency, BigDecimal enterpriseFrom, BigDecimal midFrom) {
        Currency c = Currency.getInstance(currency);
        LocalDate from = asOf.minusDays(89);
        Map<String, long[]> days = new TreeMap<>();
        var sum = DSL.sum(RevenueDaily.AMOUNT);
        db.select(RevenueDaily.CUSTOMER, RevenueDaily.DAY, sum).from(revenueDaily)
                .where(RevenueDaily.CURRENCY.eq(currency)).and(RevenueDaily.DAY.between(from, asOf))
                .and(RevenueDaily.STREAM.eq(USAGE)).and(RevenueDaily.CUSTOMER.ne(""))
                .groupBy(RevenueDaily.CUSTOMER, RevenueDaily.DAY)
                .forEach(r -> days.computeIfAbsent(r.get(RevenueDaily.CUSTOMER), k -> new long[90])
                        [(int) ChronoUnit.DAYS.between(from, r.get(RevenueDaily.DAY))] = r.get(sum, BigDecimal.class).longValueExact());
        Map<String, String> cohorts = cohortOf(asOf, currency);
        List<CustomerVelocity> rows = new ArrayList<>();
        Map<String, List<double[]>> byCohort = new TreeMap<>();
        Map<String, List<double[]>> bySegment = new TreeMap<>();
        days.forEach((customer, d) -> {
            long t30 = range(d, 60, 89);
            long p30 = range(d, 30, 59);
            long t90 = range(d, 0, 89);
            long week1 = range(d, 6, 12);
            long week12 = range(d, 83, 89);
            BigDecimal growth = p30 == 0 ? null : ratio(t30 - p30, p30);
            BigDecimal weekly = week1 <= 0 || week12 <= 0 ? null
                    : BigDecimal.valueOf(Math.pow((double) week12 / week1, 1.0 / 11) - 1).setScale(6, RoundingMode.HALF_UP);
            BigDecimal annual = minor(t90, c).multiply(BigDecimal.valueOf(365)).divide(BigDecimal.valueOf(90), 2, RoundingMode.HALF_UP);
            String segment = annual.compareTo(enterpriseFrom) >= 0 ? "ENTERPRISE" : annual.compareTo(midFrom) >= 0 ? "MID" : "SELF_SERVE";
            String cohort = cohorts.getOrDefault(customer, "");
            rows.add(new CustomerVelocity(customer, cohort, segment, minor(t30, c), minor(p30, c), growth, weekly, annual));
            double[] point = {growth == null ? Double.NaN : growth.doubleValue(), weekly == null ? Double.NaN : weekly.doubleValue()};
            byCohort.computeIfAbsent(cohort, k -> new ArrayList<>()).add(point);
            bySegment.computeIfAbsent(segment, k -> new ArrayList<>()).add(point);
        });
        return new Velocity(asOf, currency, rows, medians(byCohort), medians(bySegment),
                "growth30: usage revenue of the 30 days through asOf over the 30 days before, less 1; weekly: "
                        + "(last week / the week 11 weeks earlier)^(1/11) - 1; segments by annualised 90-day usage revenue");
    }

    private Map<String, String> cohortOf(LocalDate asOf, String currency) {
        Map<String, String> result = new HashMap<>();
        monthlyByCustomer(asOf, currency).forEach((customer, series) -> series.entrySet().stream()
                .filter(e -> e.getValue() > 0).findFirst().ifPresent(e -> result.put(customer, e.getKey().toString())));
        return result;
    }

    private static List<GroupMedian> medians(Map<String, List<double[]>> groups) {
        List<GroupMedian> result = new ArrayList<>();
        groups.forEach((group, points) -> {
            double[] growth = points.stream().mapToDouble(p -> p[0]).filter(v -> !Double.isNaN(v)).toArray();
            double[] weekly = points.stream().mapToDouble(p -> p[1]).filter(v -> !Double.isNaN(v)).toArray();
            result.add(new GroupMedian(group, points.size(),
                    growth.length == 0 ? null : BigDecimal.valueOf(percentile(growth, 0.5)).setScale(6, RoundingMode.HALF_UP),
                    weekly.length == 0 ? null : BigDecimal.valueOf(percentile(weekly, 0.5)).setScale(6, RoundingMode.HALF_UP)));
        });
        return result;
    }

    private static long range(long[] d, int from, int to) {
        long sum = 0;
        for (int i = from; i <= to; i++) {
            sum += d[i];
        }
        return sum;
    }

    public record Share(String customer, BigDecimal revenue, BigDecimal share, boolean shrinking) {
    }

    public record Concentration(LocalDate asOf, String currency, int customers, BigDecimal revenue, BigDecimal top1,
                                BigDecimal top5, BigDecimal top10, BigDecimal herfindahl, BigDecimal herfindahlPoints,
                                boolean highlyConcentrated, BigDecimal gini, List<Share> largest, String definition) {
    }

    /**
     * Concentration of usage revenue over the trailing 90 days: shares of the top 1, 5 and 10 customers, the
     * Herfindahl-Hirschman index (sum of squared shares; also on the 0-10,000 scale, above 1,800 read as highly
     * concentrated), the Gini coefficient; the largest customers, flagged when their 30-day velocity is negative.
     */
    public Concentration concentration(LocalDate asOf, String currency) {
        Currency c = Currency.getInstance(currency);
        Map<String, Long> revenue = byCustomer(asOf.minusDays(89), asOf, currency);
        revenue.values().removeIf(v -> v <= 0);
        Map<String, Long> recent = byCustomer(asOf.minusDays(29), asOf, currency);
        Map<String, Long> before = byCustomer(asOf.minusDays(59), asOf.minusDays(30), currency);
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(revenue.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        long total = sorted.stream().mapToLong(Map.Entry::getValue).sum();
        double[] shares = sorted.stream().mapToDouble(e -> total == 0 ? 0 : (double) e.getValue() / total).toArray();
        double hhi = Arrays.stream(shares).map(s -> s * s).sum();
        List<Share> largest = new ArrayList<>();
        for (int i = 0; i < Math.min(10, sorted.size()); i++) {
            String customer = sorted.get(i).getKey();
            largest.add(new Share(customer, minor(sorted.get(i).getValue(), c), decimal(shares[i]),
                    recent.getOrDefault(customer, 0L) < before.getOrDefault(customer, 0L)));
        }
        return new Concentration(asOf, currency, sorted.size(), minor(total, c), decimal(top(shares, 1)), decimal(top(shares, 5)),
                decimal(top(shares, 10)), decimal(hhi), BigDecimal.valueOf(hhi * 10_000).setScale(1, RoundingMode.HALF_UP),
                hhi * 10_000 > 1_800, decimal(gini(shares)), largest,
                "usage revenue of the 90 days through asOf per customer with any; shrinking: the last 30 days below the 30 before");
    }

    static double top(double[] sortedShares, int n) {
        double sum = 0;
        for (int i = 0; i < Math.min(n, sortedShares.length); i++) {
            sum += sortedShares[i];
        }
        return sum;
    }

    /** Gini of the shares: sum over pairs |xi - xj| / (2 n^2 mean); 0 for equal shares. */
    static double gini(double[] shares) {
        int n = shares.length;
        if (n == 0) {
            return 0;
        }
        double[] sorted = shares.clone();
        Arrays.sort(sorted);
        double weighted = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            weighted += (i + 1) * sorted[i];
            sum += sorted[i];
        }
        return sum == 0 ? 0 : (2 * weighted) / (n * sum) - (n + 1.0) / n;
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    static BigDecimal ratio(long numerator, long denominator) {
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 6, RoundingMode.HALF_UP);
    }

    static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP);
    }

    static BigDecimal minor(long minor, Currency c) {
        return Money.ofMinor(minor, c).amount();
    }

    /** A run rate in the major unit: minor x 365/30, rounded half-up to the minor unit. */
    static BigDecimal annualise(long minor, Currency c) {
        return BigDecimal.valueOf(minor).multiply(BigDecimal.valueOf(365)).divide(BigDecimal.valueOf(30), 0, RoundingMode.HALF_UP)
                .movePointLeft(Money.fractionDigits(c));
    }

    /** An exact statistic in minor units as money in the major unit, rounded half-up to the minor unit. */
    static BigDecimal money(BigDecimal minor, Currency c) {
        return minor.setScale(0, RoundingMode.HALF_UP).movePointLeft(Money.fractionDigits(c));
    }

    static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
