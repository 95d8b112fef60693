package dev.tokenledger.projections.metrics;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The arithmetic of the consumption metrics (README "Metrics"), worked by hand and over generated inputs. */
class MetricsProperties {

    static final Currency USD = Currency.getInstance("USD");

    @Property
    void aConstantDailyRevenueRunsAt365TimesItWithBandsOnIt(@ForAll @LongRange(min = 0, max = 10_000_000_000L) long perDay) {
        long[] days = new long[200];
        Arrays.fill(days, perDay);
        assertThat(MetricsReports.annualise(MetricsReports.window(days, 199), USD))
                .isEqualByComparingTo(BigDecimal.valueOf(perDay * 365).movePointLeft(2));
        BigDecimal[] windows = MetricsReports.windows(days, 199);
        assertThat(MetricsReports.percentile(windows, 0.10)).isEqualByComparingTo(MetricsReports.percentile(windows, 0.90));
        assertThat(MetricsReports.standardDeviation(windows, MetricsReports.mean(windows))).isEqualByComparingTo("0");
    }

    @Property
    void bandsAreOrderedAroundTheMiddle(@ForAll @Size(min = 200, max = 200) List<@LongRange(min = 0, max = 1_000_000) Long> revenue) {
        long[] days = revenue.stream().mapToLong(Long::longValue).toArray();
        BigDecimal[] windows = MetricsReports.windows(days, 199);
        BigDecimal p10 = MetricsReports.percentile(windows, 0.10);
        BigDecimal median = MetricsReports.percentile(windows, 0.50);
        BigDecimal p90 = MetricsReports.percentile(windows, 0.90);
        assertThat(p10).isLessThanOrEqualTo(median);
        assertThat(median).isLessThanOrEqualTo(p90);
        BigDecimal mean = MetricsReports.mean(windows);
        BigDecimal sd = MetricsReports.standardDeviation(windows, mean);
        assertThat(mean.subtract(sd)).isLessThanOrEqualTo(mean);
        assertThat(mean).isBetween(Arrays.stream(windows).min(BigDecimal::compareTo).orElseThrow(),
                Arrays.stream(windows).max(BigDecimal::compareTo).orElseThrow());
    }

    @Property
    void sharesSumToOneAndTheHerfindahlIndexLiesWithinOneOverNAndOne(
            @ForAll @Size(min = 1, max = 50) List<@IntRange(min = 1, max = 1_000_000) Integer> revenue) {
        double total = revenue.stream().mapToDouble(Integer::doubleValue).sum();
        double[] shares = revenue.stream().mapToDouble(r -> r / total).sorted().toArray();
        assertThat(Arrays.stream(shares).sum()).isCloseTo(1.0, within(1e-9));
        double hhi = Arrays.stream(shares).map(s -> s * s).sum();
        assertThat(hhi).isBetween(1.0 / shares.length - 1e-12, 1.0 + 1e-12);
        double gini = MetricsReports.gini(shares);
        assertThat(gini).isBetween(-1e-12, 1.0);
        assertThat(MetricsReports.top(reverse(shares), shares.length)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void concentrationOfSixtyThirtyTenWorkedByHand() {
        // shares .6, .3, .1: HHI = .36 + .09 + .01 = .46 (4,600 points: highly concentrated);
        // Gini = 2 x (1 x .1 + 2 x .3 + 3 x .6) / (3 x 1) - 4/3 = 5/3 - 4/3 = 1/3
        double[] shares = {0.6, 0.3, 0.1};
        assertThat(Arrays.stream(shares).map(s -> s * s).sum()).isCloseTo(0.46, within(1e-12));
        assertThat(MetricsReports.gini(shares)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(MetricsReports.top(shares, 1)).isCloseTo(0.6, within(1e-12));
        assertThat(MetricsReports.gini(new double[]{0.25, 0.25, 0.25, 0.25})).isCloseTo(0, within(1e-12));
    }

    @Test
    void percentilesInterpolateLikeSpreadsheets() {
        // PERCENTILE.INC of 1..11 at 10%: rank 1 -> 2; at 90%: rank 9 -> 10; of 1..10 at 10%: rank 0.9 -> 1.9
        BigDecimal[] eleven = new BigDecimal[11];
        for (int i = 0; i < 11; i++) {
            eleven[i] = BigDecimal.valueOf(i + 1);
        }
        assertThat(MetricsReports.percentile(eleven, 0.10)).isEqualByComparingTo("2");
        assertThat(MetricsReports.percentile(eleven, 0.90)).isEqualByComparingTo("10");
        BigDecimal[] ten = Arrays.copyOf(eleven, 10);
        assertThat(MetricsReports.percentile(ten, 0.10)).isEqualByComparingTo("1.9");
    }

    private static double[] reverse(double[] sorted) {
        double[] result = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            result[i] = sorted[sorted.length - 1 - i];
        }
        return result;
    }
}
