package dev.tokenledger.projections.metrics;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;


import static dev.tokenledger.projections.metrics.MetricsReports.MC;
import static dev.tokenledger.projections.metrics.MetricsReports.minor;

/**
 * Prepaid balance burn-down (README "Metrics"): each customer's unexpired paid pools against the pace of its usage
 * revenue over the trailing 30 days, and the breakage expected at that pace.
 */
public class BurnDownMetrics {

    private final DSLContext db;
    private final MetricsReports revenue;

    public BurnDownMetrics(DSLContext db, MetricsReports revenue) {
        this.db = db;
        this.revenue = revenue;
    }

    public record BurnDown(String customer, BigDecimal prepaidBalance, BigDecimal monthlyBurn, BigDecimal monthsLeft,
                           LocalDate runsOutOn, BigDecimal expectedBreakage) {
    }

    public record BurnDowns(LocalDate asOf, String currency, List<BurnDown> customers, BigDecimal expectedBreakage,
                            String definition) {
    }

    /**
     * Months of prepaid balance left per customer at the pace of the trailing 30 days' usage revenue, and the
     * breakage expected if that pace holds: pools are used in order of expiry, and what a pool cannot use before it
     * expires is expected breakage.
     */
    public BurnDowns burnDown(LocalDate asOf, String currency) {
        Currency c = Currency.getInstance(currency);
        Map<String, Long> burn30 = revenue.byCustomer(asOf.minusDays(29), asOf, currency);
        var customer = DSL.field(DSL.name("credit_pool", "customer_id"), SQLDataType.VARCHAR);
        var expires = DSL.field(DSL.name("credit_pool", "expires_on"), SQLDataType.LOCALDATE);
        var price = DSL.field(DSL.name("credit_pool", "price_minor"), SQLDataType.BIGINT);
        var used = DSL.field(DSL.name("credit_pool", "usage_minor"), SQLDataType.BIGINT);
        var breakage = DSL.field(DSL.name("credit_pool", "breakage_minor"), SQLDataType.BIGINT);
        var refunds = DSL.field(DSL.name("credit_pool", "refund_minor"), SQLDataType.BIGINT);
        var escheat = DSL.field(DSL.name("credit_pool", "escheat_minor"), SQLDataType.BIGINT);
        var expired = DSL.field(DSL.name("credit_pool", "expired"), SQLDataType.BOOLEAN);
        var poolCurrency = DSL.field(DSL.name("credit_pool", "currency"), SQLDataType.VARCHAR);
        Map<String, List<long[]>> pools = new TreeMap<>();
        db.select(customer, expires, price, used, breakage, refunds, escheat).from(DSL.table(DSL.name("credit_pool")))
                .where(expired.isFalse()).and(poolCurrency.eq(currency)).and(price.gt(0L))
                .orderBy(customer, expires.asc().nullsLast())
                .forEach(r -> {
                    long liability = r.get(price) - r.get(used) - r.get(breakage) - r.get(refunds) - r.get(escheat);
                    if (liability > 0) {
                        pools.computeIfAbsent(r.get(customer), k -> new ArrayList<>()).add(new long[]{liability,
                                r.get(expires) == null ? Long.MAX_VALUE : Math.max(0, ChronoUnit.DAYS.between(asOf, r.get(expires)))});
                    }
                });
        List<BurnDown> rows = new ArrayList<>();
        long totalBreakage = 0;
        for (var e : pools.entrySet()) {
            long balance = e.getValue().stream().mapToLong(p -> p[0]).sum();
            long burn = burn30.getOrDefault(e.getKey(), 0L);
            BigDecimal perDay = BigDecimal.valueOf(burn).divide(BigDecimal.valueOf(30), MC);
            long expected = 0;
            BigDecimal usedBefore = BigDecimal.ZERO; // what earlier pools take of the pace, in minor units
            for (long[] pool : e.getValue()) {
                BigDecimal capacity = pool[1] == Long.MAX_VALUE ? BigDecimal.valueOf(pool[0])
                        : perDay.multiply(BigDecimal.valueOf(pool[1])).subtract(usedBefore).max(BigDecimal.ZERO);
                BigDecimal consumed = capacity.min(BigDecimal.valueOf(pool[0]));
                expected += BigDecimal.valueOf(pool[0]).subtract(consumed).setScale(0, RoundingMode.HALF_UP).longValueExact();
                usedBefore = usedBefore.add(consumed);
            }
            totalBreakage += expected;
            BigDecimal months = burn == 0 ? null : BigDecimal.valueOf(balance).divide(BigDecimal.valueOf(burn), 2, RoundingMode.HALF_UP);
            rows.add(new BurnDown(e.getKey(), minor(balance, c), minor(burn, c), months,
                    burn == 0 ? null : asOf.plusDays(BigDecimal.valueOf(balance).divide(perDay, 0, RoundingMode.CEILING).longValueExact()),
                    minor(expected, c)));
        }
        return new BurnDowns(asOf, currency, rows, minor(totalBreakage, c), "prepaid balance: the unexpired paid pools' "
                + "liability; monthly burn: usage revenue of the trailing 30 days; pools used in order of expiry at that pace, "
                + "what a pool cannot use before it expires is expected breakage");
    }
}
