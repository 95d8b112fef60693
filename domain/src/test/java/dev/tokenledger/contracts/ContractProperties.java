package dev.tokenledger.contracts;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostedEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.rejection.Violations;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of contracts (README "Contracts"), over generated prices, SSPs, schedules and postings. */
class ContractProperties {

    static final Currency USD = Currency.getInstance("USD");
    static final ChartOfAccounts CHART = ChartLoader.defaultChart();

    /** A price and SSPs (in cents, with up to 4 more decimals), some obligations in a discounted subset. */
    record Bundle(long priceMinor, List<BigDecimal> ssps, int subsetSize, long discountMinor) {
    }

    @Provide
    Arbitrary<Bundle> bundles() {
        Arbitrary<List<BigDecimal>> ssps = Arbitraries.longs().between(1, 100_000_000_000L)
                .map(units -> BigDecimal.valueOf(units, 4)).list().ofMinSize(1).ofMaxSize(12);
        return Combinators.combine(Arbitraries.longs().between(1, 10_000_000_000_000L), ssps,
                        Arbitraries.integers().between(0, 12), Arbitraries.doubles().between(0, 1))
                .as((price, s, subset, share) -> {
                    int size = Math.min(subset, s.size());
                    BigDecimal subsetSsp = s.subList(0, size).stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                    long discount = (long) Math.floor(subsetSsp.movePointRight(2).doubleValue() * share);
                    return new Bundle(price, s, size, Math.max(discount, 0));
                });
    }

    @Property(tries = 500)
    void allocationsSumToThePriceAndAreNeverNegative(@ForAll("bundles") Bundle b) {
        List<SspAllocation.Input> inputs = new ArrayList<>();
        for (int i = 0; i < b.ssps().size(); i++) {
            inputs.add(new SspAllocation.Input("o" + i, "ssp", SspMethod.OBSERVABLE_PRICE, b.ssps().get(i), null, null));
        }
        List<SspAllocation.Discount> discounts = b.subsetSize() == 0 || b.discountMinor() == 0 ? List.of()
                : List.of(new SspAllocation.Discount("d", b.discountMinor(),
                inputs.subList(0, b.subsetSize()).stream().map(SspAllocation.Input::obligationId).toList()));
        Violations v = new Violations();
        SspAllocation.Result result = SspAllocation.allocate(USD, b.priceMinor(), inputs, discounts, v);
        if (result == null) {
            // refused only because the subset's discounted SSPs alone exceed the price (or leave nothing to others)
            assertThat(v.isEmpty()).isFalse();
            return;
        }
        assertThat(result.lines().stream().mapToLong(SspAllocation.Line::allocatedMinor).sum()).isEqualTo(b.priceMinor());
        assertThat(result.lines()).allSatisfy(l -> assertThat(l.allocatedMinor()).isNotNegative());
        // without a subset discount, every share is within one cent of its exact relative-SSP share
        if (discounts.isEmpty()) {
            BigDecimal total = b.ssps().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            for (int i = 0; i < b.ssps().size(); i++) {
                BigDecimal exact = BigDecimal.valueOf(b.priceMinor()).multiply(b.ssps().get(i))
                        .divide(total, java.math.MathContext.DECIMAL128);
                assertThat(BigDecimal.valueOf(result.lines().get(i).allocatedMinor()).subtract(exact).abs())
                        .isLessThan(BigDecimal.ONE);
            }
        }
    }

    @Property(tries = 500)
    void ratableRecognitionEndsOnTheAllocatedAmountWhateverTheDaysItPostsOn(
            @ForAll @LongRange(min = 0, max = 100_000_000_000_000L) long allocated,
            @ForAll @IntRange(min = 0, max = 3_000) int startOffset,
            @ForAll @IntRange(min = 1, max = 3_660) int days,
            @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 4_000) Integer> postingDays,
            @ForAll boolean modifiedHalfway, @ForAll @LongRange(min = 0, max = 1_000_000_000L) long added) {
        LocalDate start = LocalDate.of(2020, 1, 1).plusDays(startOffset);
        LocalDate end = start.plusDays(days - 1);
        List<Segment> segments = new ArrayList<>(List.of(new Segment(start, end, allocated, 0, RecognitionBasis.DAILY)));
        long total = allocated;
        if (modifiedHalfway && days > 2) {
            // a prospective modification: recognised through the day before, the rest plus `added` from then on
            LocalDate from = start.plusDays(days / 2);
            long before = RatableSchedule.cumulativeThrough(segments, from.minusDays(1));
            long remaining = allocated - before + added;
            segments.add(new Segment(from, end.plusDays(30), remaining, before, RecognitionBasis.DAILY));
            total = before + remaining;
            end = end.plusDays(30);
        }
        long posted = 0;
        long previous = 0;
        TreeSet<LocalDate> dates = new TreeSet<>();
        postingDays.forEach(d -> dates.add(start.minusDays(10).plusDays(d)));
        dates.add(end);
        for (LocalDate date : dates) {
            long cumulative = RatableSchedule.cumulativeThrough(segments, date);
            assertThat(cumulative).isGreaterThanOrEqualTo(previous); // never takes revenue back
            posted += cumulative - previous;
            previous = cumulative;
        }
        assertThat(posted).isEqualTo(total);
    }

    /** A step of a contract's life: recognise, bill, or fund a pool, by some amount. */
    record Step(int kind, long minor) {
    }

    @Provide
    Arbitrary<List<Step>> lives() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.longs().between(1, 10_000_000L))
                .as(Step::new).list().ofMaxSize(30);
    }

    @Property(tries = 500)
    void aContractIsEitherAnAssetOrALiabilityAndTheLedgerSaysWhichToTheCent(@ForAll("lives") List<Step> life) {
        long position = 0;
        long liability = 0;
        long asset = 0;
        for (int i = 0; i < life.size(); i++) {
            Step step = life.get(i);
            ContractPostings postings = new ContractPostings(CHART, "acme", "c1", USD, position);
            switch (step.kind()) {
                case 0 -> postings.recognize(AccountRole.SUBSCRIPTION_REVENUE, step.minor(), "platform");
                case 1 -> postings.bill(AccountRole.ACCOUNTS_RECEIVABLE, step.minor());
                case 2 -> postings.fundPool(step.minor(), "credits", "pool");
                default -> postings.recognize(AccountRole.COMMITMENT_SHORTFALL_REVENUE, -Math.min(step.minor(),
                        Math.max(0, -position)), null);
            }
            PostedEntry entry = postings.entry("r" + i, LocalDate.of(2026, 1, 1), "step", null, "test", p -> false);
            if (entry != null) {
                for (JournalLine line : entry.lines()) {
                    long signed = line.side() == Side.DEBIT ? line.amount().minorUnits() : -line.amount().minorUnits();
                    if (line.accountCode().equals("2310")) {
                        liability -= signed;
                    } else if (line.accountCode().equals("1160")) {
                        asset += signed;
                    }
                }
            }
            position = postings.position();
            assertThat(liability).isNotNegative();
            assertThat(asset).isNotNegative();
            assertThat(liability == 0 || asset == 0).as("netted per contract").isTrue();
            assertThat(liability - asset).isEqualTo(position);
        }
    }
}
