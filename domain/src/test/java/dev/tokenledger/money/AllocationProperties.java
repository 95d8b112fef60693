package dev.tokenledger.money;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationProperties {

    @Property
    void sharesAlwaysSumToTheTotalAndStayWithinOneUnitOfTheExactShare(
            @ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long total,
            @ForAll @Size(min = 1, max = 30) List<@IntRange(min = 0, max = 1_000_000) Integer> weights) {
        List<BigDecimal> w = weights.stream().map(BigDecimal::valueOf).toList();
        long[] shares = Allocation.largestRemainder(total, w);
        assertThat(Arrays.stream(shares).sum()).isEqualTo(total);
        BigDecimal sum = w.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        for (int i = 0; i < shares.length && sum.signum() > 0; i++) {
            BigDecimal exact = BigDecimal.valueOf(total).multiply(w.get(i)).divide(sum, java.math.MathContext.DECIMAL128);
            assertThat(BigDecimal.valueOf(shares[i]).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
        }
    }

    @Test
    void leftoverUnitsGoByLargestRemainderThenToTheLineListedFirst() {
        // 100 over 1:1:1 -> 33.33 each: one leftover unit, to the first line
        assertThat(Allocation.largestRemainder(100, List.of(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE)))
                .containsExactly(34, 33, 33);
        // 10 over 0.15:0.35:0.5 -> 1.5, 3.5, 5: remainders tie at .5 between the first two lines
        assertThat(Allocation.largestRemainder(10, List.of(new BigDecimal("0.15"), new BigDecimal("0.35"), new BigDecimal("0.5"))))
                .containsExactly(2, 3, 5);
    }
}
