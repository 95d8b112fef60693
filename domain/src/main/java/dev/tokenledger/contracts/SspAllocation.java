package dev.tokenledger.contracts;

import dev.tokenledger.money.Allocation;
import dev.tokenledger.money.Money;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.rejection.Violations;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ASC 606 step 4: allocates a fixed transaction price to performance obligations by relative standalone selling price
 * (606-10-32-28 to 32-41; README "Contracts").
 *
 * <ol>
 *   <li>The residual approach (32-34(c)): at most one obligation whose SSP table entry says RESIDUAL takes as its SSP
 *       the price less the other obligations' SSPs (less the discounts tied to subsets, 32-37); it must fall inside
 *       the entry's range, or the contract is refused naming the numbers.</li>
 *   <li>A discount observably tied to a subset of obligations (32-36 to 32-38) is allocated to that subset alone:
 *       the subset's share is its SSPs less the discount; what remains of the price goes to the other obligations
 *       by relative SSP (which carries any general discount, 32-36).</li>
 *   <li>Shares are in minor units by the largest-remainder method (README "Rounding"): first over the groups (each
 *       discounted subset, then the rest), then over the obligations of each group, ties to the one listed first.
 *       They always sum to the price and are never negative.</li>
 * </ol>
 */
public final class SspAllocation {

    private SspAllocation() {
    }

    /**
     * One obligation as priced for the allocation.
     *
     * @param standaloneSellingPrice the SSP (unit price x quantity, exact), or null for the residual approach
     * @param residualLow            for the residual approach, the lowest SSP the entry allows (range x quantity)
     * @param residualHigh           and the highest
     */
    public record Input(String obligationId, String sspLabel, SspMethod method, BigDecimal standaloneSellingPrice,
                        BigDecimal residualLow, BigDecimal residualHigh) {
    }

    /** A discount tied to the obligations it names. */
    public record Discount(String discountId, long amountMinor, List<String> appliesTo) {
    }

    /** What one obligation was allocated, and from what. */
    public record Line(String obligationId, String sspLabel, SspMethod method, BigDecimal standaloneSellingPrice,
                       String group, long allocatedMinor) {
    }

    /** A discounted subset, or the rest of the obligations ("general"). */
    public record Group(String group, List<String> obligations, BigDecimal standaloneSellingPrice, BigDecimal discount,
                        long allocatedMinor) {
    }

    /**
     * @param totalStandaloneSellingPrice sum of the SSPs used (the residual included)
     * @param totalDiscount               that sum less the price (negative when the bundle sells at a premium)
     */
    public record Result(long priceMinor, BigDecimal totalStandaloneSellingPrice, BigDecimal totalDiscount,
                         List<Group> groups, List<Line> lines) {

        public long allocatedTo(String obligationId) {
            return lines.stream().filter(l -> l.obligationId().equals(obligationId)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no allocation line for " + obligationId))
                    .allocatedMinor();
        }
    }

    /**
     * Allocates {@code priceMinor}. Violations name the fields under {@code obligations[i]} and {@code discounts[j]}.
     * The obligations' ids are unique (checked by the caller).
     */
    public static Result allocate(Currency currency, long priceMinor, List<Input> inputs, List<Discount> discounts,
                                  Violations v) {
        BigDecimal price = Money.ofMinor(priceMinor, currency).amount();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            index.put(inputs.get(i).obligationId(), i);
        }
        int residual = -1;
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).standaloneSellingPrice() == null) {
                if (residual >= 0) {
                    v.add(RejectionCode.RESIDUAL_NOT_UNIQUE, "obligations[" + i + "].sspId", "obligations "
                            + inputs.get(residual).obligationId() + " and " + inputs.get(i).obligationId()
                            + " both use the residual approach; at most one may");
                    return null;
                }
                residual = i;
            }
        }

        // discounts tied to subsets: each names known obligations, none twice, never the residual one
        List<List<Integer>> subsets = new ArrayList<>();
        Set<Integer> inSubset = new HashSet<>();
        BigDecimal subsetDiscounts = BigDecimal.ZERO;
        for (int j = 0; j < discounts.size(); j++) {
            Discount d = discounts.get(j);
            String field = "discounts[" + j + "].appliesTo";
            List<Integer> members = new ArrayList<>();
            if (d.appliesTo() == null || d.appliesTo().isEmpty()) {
                v.add(RejectionCode.DISCOUNT_INVALID, field, "name the obligations the discount belongs to");
                return null;
            }
            for (String id : d.appliesTo()) {
                Integer i = index.get(id);
                if (i == null) {
                    v.add(RejectionCode.DISCOUNT_INVALID, field, "the contract has no obligation " + id);
                    return null;
                }
                if (i == residual) {
                    v.add(RejectionCode.DISCOUNT_INVALID, field, id + " takes its SSP by the residual approach, which "
                            + "already absorbs the discount; a subset discount cannot name it");
                    return null;
                }
                if (!inSubset.add(i)) {
                    v.add(RejectionCode.DISCOUNT_INVALID, field, id + " is named by two discounts; subsets must not overlap");
                    return null;
                }
                members.add(i);
            }
            BigDecimal subsetSsp = members.stream().map(i -> inputs.get(i).standaloneSellingPrice())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal discount = Money.ofMinor(d.amountMinor(), currency).amount();
            if (discount.compareTo(subsetSsp) > 0) {
                v.add(RejectionCode.DISCOUNT_INVALID, "discounts[" + j + "].amount", "the discount " + discount.toPlainString()
                        + " is larger than the SSPs of " + d.appliesTo() + " (" + subsetSsp.toPlainString() + ")");
                return null;
            }
            subsets.add(members);
            subsetDiscounts = subsetDiscounts.add(discount);
        }

        BigDecimal[] ssp = new BigDecimal[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            ssp[i] = inputs.get(i).standaloneSellingPrice();
        }
        if (residual >= 0) {
            BigDecimal others = BigDecimal.ZERO;
            for (int i = 0; i < inputs.size(); i++) {
                if (i != residual) {
                    others = others.add(ssp[i]);
                }
            }
            BigDecimal value = price.subtract(others).add(subsetDiscounts);
            Input r = inputs.get(residual);
            if (value.compareTo(r.residualLow()) < 0 || value.compareTo(r.residualHigh()) > 0) {
                v.add(RejectionCode.RESIDUAL_OUT_OF_RANGE, "obligations[" + residual + "].sspId", "the residual for "
                        + r.obligationId() + " is " + value.toPlainString() + " " + currency + " (price "
                        + price.toPlainString() + " less the other obligations' SSPs " + others.toPlainString()
                        + (subsetDiscounts.signum() == 0 ? "" : " plus discounts tied to them " + subsetDiscounts.toPlainString())
                        + "), outside the range " + r.residualLow().toPlainString() + " to " + r.residualHigh().toPlainString()
                        + " that " + r.sspLabel() + " allows (ASC 606-10-32-34(c))");
                return null;
            }
            ssp[residual] = value;
        }

        // groups: each discounted subset at its SSPs less its discount, then the rest with what remains of the price
        List<String> groupNames = new ArrayList<>();
        List<List<Integer>> groupMembers = new ArrayList<>();
        List<BigDecimal> targets = new ArrayList<>();
        List<BigDecimal> groupDiscounts = new ArrayList<>();
        BigDecimal subsetTargets = BigDecimal.ZERO;
        for (int j = 0; j < subsets.size(); j++) {
            BigDecimal subsetSsp = subsets.get(j).stream().map(i -> ssp[i]).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal discount = Money.ofMinor(discounts.get(j).amountMinor(), currency).amount();
            groupNames.add(discounts.get(j).discountId());
            groupMembers.add(subsets.get(j));
            targets.add(subsetSsp.subtract(discount));
            groupDiscounts.add(discount);
            subsetTargets = subsetTargets.add(subsetSsp.subtract(discount));
        }
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (!inSubset.contains(i)) {
                rest.add(i);
            }
        }
        BigDecimal restTarget = price.subtract(subsetTargets);
        if (rest.isEmpty() && restTarget.signum() != 0) {
            v.add(RejectionCode.DISCOUNT_INVALID, "discounts", "the discounts tied to subsets leave the obligations "
                    + "allocated " + subsetTargets.toPlainString() + " but the price is " + price.toPlainString()
                    + "; with every obligation in a subset, the discounts must account for the whole difference");
            return null;
        }
        if (restTarget.signum() < 0) {
            v.add(RejectionCode.DISCOUNT_INVALID, "discounts", "the discounted subsets alone come to "
                    + subsetTargets.toPlainString() + ", more than the price " + price.toPlainString()
                    + "; a subset's discount must be at least its share of the contract's discount (ASC 606-10-32-37)");
            return null;
        }
        if (!rest.isEmpty()) {
            BigDecimal restSsp = rest.stream().map(i -> ssp[i]).reduce(BigDecimal.ZERO, BigDecimal::add);
            groupNames.add("general");
            groupMembers.add(rest);
            targets.add(restTarget);
            groupDiscounts.add(restSsp.subtract(restTarget));
        }

        long[] groupShares = Allocation.largestRemainder(priceMinor, targets);
        long[] allocated = new long[inputs.size()];
        String[] groupOf = new String[inputs.size()];
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < groupMembers.size(); g++) {
            List<Integer> members = groupMembers.get(g);
            long[] shares = Allocation.largestRemainder(groupShares[g], members.stream().map(i -> ssp[i]).toList());
            for (int k = 0; k < members.size(); k++) {
                allocated[members.get(k)] = shares[k];
                groupOf[members.get(k)] = groupNames.get(g);
            }
            groups.add(new Group(groupNames.get(g), members.stream().map(i -> inputs.get(i).obligationId()).toList(),
                    members.stream().map(i -> ssp[i]).reduce(BigDecimal.ZERO, BigDecimal::add), groupDiscounts.get(g),
                    groupShares[g]));
        }
        List<Line> lines = new ArrayList<>();
        BigDecimal totalSsp = BigDecimal.ZERO;
        long sum = 0;
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            lines.add(new Line(in.obligationId(), in.sspLabel(), in.method(), ssp[i], groupOf[i], allocated[i]));
            totalSsp = totalSsp.add(ssp[i]);
            sum += allocated[i];
            if (allocated[i] < 0) {
                throw new IllegalStateException("negative allocation to " + in.obligationId());
            }
        }
        if (sum != priceMinor) {
            throw new IllegalStateException("allocation sums to " + sum + ", not the price " + priceMinor);
        }
        return new Result(priceMinor, totalSsp, totalSsp.subtract(price), groups, lines);
    }
}
