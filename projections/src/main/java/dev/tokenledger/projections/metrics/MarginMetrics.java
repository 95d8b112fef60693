package dev.tokenledger.projections.metrics;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.tokenledger.projections.metrics.MetricTables.PnlMonthly;
import static dev.tokenledger.projections.metrics.MetricTables.TokensMonthly;

import static dev.tokenledger.projections.metrics.MetricsReports.USAGE;
import static dev.tokenledger.projections.metrics.MetricsReports.blank;
import static dev.tokenledger.projections.metrics.MetricsReports.minor;
import static dev.tokenledger.projections.metrics.MetricsReports.ratio;

/**
 * Fully loaded token margin (accounting brief 7; README "Metrics"), from the monthly revenue, cost and token
 * projections: usage revenue less every cost layer, by period, customer, model and feature.
 */
public class MarginMetrics {

    private final DSLContext db;

    public MarginMetrics(DSLContext db) {
        this.db = db;
    }

    public record MarginRow(String period, String customer, String model, String feature, BigDecimal revenue,
                            BigDecimal compute, BigDecimal thirdPartyModels, BigDecimal infrastructure,
                            BigDecimal paymentFees, BigDecimal fullyLoadedCost, BigDecimal margin,
                            BigDecimal marginPercent, long tokens, BigDecimal marginPerMillionTokens) {
    }

    public record Margin(YearMonth from, YearMonth to, String currency, List<String> groupBy, List<MarginRow> rows,
                         MarginRow total, String definition) {
    }

    /** Fully loaded token margin: usage revenue less compute, third-party model fees, infrastructure and payment fees. */
    public Margin margin(YearMonth from, YearMonth to, String currency, List<String> groupBy) {
        Currency c = Currency.getInstance(currency);
        Map<List<String>, long[]> groups = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        long[] total = new long[6];
        // grouped in the database by the chosen dimensions only (a year of the 5M-record benchmark ledger holds
        // ~200,000 rows per table; fetching them all took 240-440 ms)
        Field<String> month = chosen(groupBy, "period", PnlMonthly.MONTH);
        Field<String> customer = chosen(groupBy, "customer", PnlMonthly.CUSTOMER);
        Field<String> model = chosen(groupBy, "model", PnlMonthly.MODEL);
        Field<String> feature = chosen(groupBy, "feature", PnlMonthly.FEATURE);
        var sum = DSL.sum(PnlMonthly.AMOUNT);
        List<Field<?>> pnlGroups = new ArrayList<>(grouped(month, customer, model, feature));
        pnlGroups.add(PnlMonthly.ROLE);
        db.select(month, customer, model, feature, PnlMonthly.ROLE, sum)
                .from(PnlMonthly.TABLE).where(PnlMonthly.CURRENCY.eq(currency))
                .and(PnlMonthly.MONTH.between(from.toString(), to.toString()))
                .and(PnlMonthly.ROLE.in(USAGE, "COGS_COMPUTE", "COGS_THIRD_PARTY_MODELS", "COGS_INFRASTRUCTURE", "PAYMENT_FEES"))
                .groupBy(pnlGroups)
                .forEach(r -> {
                    int layer = switch (r.get(PnlMonthly.ROLE)) {
                        case USAGE -> 0;
                        case "COGS_COMPUTE" -> 1;
                        case "COGS_THIRD_PARTY_MODELS" -> 2;
                        case "COGS_INFRASTRUCTURE" -> 3;
                        default -> 4;
                    };
                    long amount = r.get(sum, BigDecimal.class).longValueExact();
                    groups.computeIfAbsent(List.of(r.get(month), r.get(customer), r.get(model), r.get(feature)),
                            k -> new long[6])[layer] += amount;
                    total[layer] += amount;
                });
        Field<String> tMonth = chosen(groupBy, "period", TokensMonthly.MONTH);
        Field<String> tCustomer = chosen(groupBy, "customer", TokensMonthly.CUSTOMER);
        Field<String> tModel = chosen(groupBy, "model", TokensMonthly.MODEL);
        Field<String> tFeature = chosen(groupBy, "feature", TokensMonthly.FEATURE);
        var tokens = DSL.sum(TokensMonthly.TOKENS);
        var tokenQuery = db.select(tMonth, tCustomer, tModel, tFeature, tokens)
                .from(TokensMonthly.TABLE).where(TokensMonthly.CURRENCY.eq(currency))
                .and(TokensMonthly.MONTH.between(from.toString(), to.toString()));
        List<Field<?>> tokenGroups = grouped(tMonth, tCustomer, tModel, tFeature);
        (tokenGroups.isEmpty() ? tokenQuery.fetch() : tokenQuery.groupBy(tokenGroups).fetch())
                .forEach(r -> {
                    BigDecimal counted = r.get(tokens, BigDecimal.class);
                    long t = counted == null ? 0 : counted.longValueExact();
                    groups.computeIfAbsent(List.of(r.get(tMonth), r.get(tCustomer), r.get(tModel), r.get(tFeature)),
                            k -> new long[6])[5] += t;
                    total[5] += t;
                });
        List<MarginRow> rows = new ArrayList<>();
        groups.forEach((key, v) -> rows.add(marginRow(key, v, c)));
        return new Margin(from, to, currency, groupBy, rows, marginRow(List.of("", "", "", ""), total, c),
                "revenue: usage revenue; fully loaded cost: inference compute + third-party model fees + allocated "
                        + "infrastructure + payment fees; margin per million tokens = margin / tokens x 1,000,000");
    }

    /** The column when the margin is grouped by it; otherwise '' under the column's name. */
    private static Field<String> chosen(List<String> groupBy, String dimension, Field<String> column) {
        return groupBy.contains(dimension) ? column : DSL.inline("").as(column.getName());
    }

    /** The chosen columns (constants are not grouped by). */
    private static List<Field<?>> grouped(Field<?>... columns) {
        List<Field<?>> result = new ArrayList<>();
        for (Field<?> column : columns) {
            if (column.getQualifiedName().qualified()) {
                result.add(column);
            }
        }
        return result;
    }

    private static MarginRow marginRow(List<String> key, long[] v, Currency c) {
        long cost = v[1] + v[2] + v[3] + v[4];
        long margin = v[0] - cost;
        return new MarginRow(blank(key.get(0)), blank(key.get(1)), blank(key.get(2)), blank(key.get(3)), minor(v[0], c),
                minor(v[1], c), minor(v[2], c), minor(v[3], c), minor(v[4], c), minor(cost, c), minor(margin, c),
                v[0] == 0 ? null : ratio(margin * 100, v[0]), v[5],
                v[5] == 0 ? null : minor(margin, c).multiply(BigDecimal.valueOf(1_000_000)).divide(BigDecimal.valueOf(v[5]), 6, RoundingMode.HALF_UP));
    }
}
