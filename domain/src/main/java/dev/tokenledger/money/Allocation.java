package dev.tokenledger.money;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Splits a total in minor units over lines in proportion to weights, by the largest-remainder method (README "Rounding"):
 * floor every share, then hand the leftover units one at a time in descending order of fractional remainder,
 * ties to the line listed first. The shares always sum to the total.
 */
public final class Allocation {

    private static final MathContext EXACT_ENOUGH = new MathContext(40, RoundingMode.HALF_EVEN);

    private Allocation() {
    }

    /**
     * @param total   minor units to split; a negative total is split like its absolute value, then negated
     * @param weights non-negative weights; when all are zero the total goes to the lines equally by count
     */
    public static long[] largestRemainder(long total, List<BigDecimal> weights) {
        int n = weights.size();
        long[] shares = new long[n];
        if (n == 0) {
            if (total != 0) {
                throw new IllegalArgumentException("cannot allocate " + total + " over no lines");
            }
            return shares;
        }
        if (total < 0) {
            long[] positive = largestRemainder(-total, weights);
            for (int i = 0; i < n; i++) {
                shares[i] = -positive[i];
            }
            return shares;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal w : weights) {
            if (w.signum() < 0) {
                throw new IllegalArgumentException("allocation weights must not be negative: " + w);
            }
            sum = sum.add(w);
        }
        List<BigDecimal> basis = sum.signum() == 0 ? weights.stream().map(w -> BigDecimal.ONE).toList() : weights;
        BigDecimal basisSum = sum.signum() == 0 ? BigDecimal.valueOf(n) : sum;
        BigDecimal[] remainders = new BigDecimal[n];
        long handedOut = 0;
        for (int i = 0; i < n; i++) {
            BigDecimal exact = BigDecimal.valueOf(total).multiply(basis.get(i)).divide(basisSum, EXACT_ENOUGH);
            BigDecimal floor = exact.setScale(0, RoundingMode.FLOOR);
            shares[i] = floor.longValueExact();
            remainders[i] = exact.subtract(floor);
            handedOut += shares[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        // stable sort: equal remainders keep list order, so ties go to the line listed first
        order.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed());
        for (int k = 0; handedOut < total; k++) {
            shares[order.get(k % n)]++;
            handedOut++;
        }
        return shares;
    }
}
