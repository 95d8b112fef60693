package dev.tokenledger.incentives;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.incentives.RebateCommands.AgreeVolumeDiscount;
import dev.tokenledger.incentives.RebateCommands.ReportVolumeUsage;
import dev.tokenledger.incentives.RebateCommands.ReviseExpectedVolume;
import dev.tokenledger.incentives.RebateCommands.SettleVolumeYear;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.periods.PeriodCalendar;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of a retrospective volume discount (README "Volume discounts"): total revenue over the year equals the
 * final effective price times the volume, however the expected volume moved in between; the refund liability never
 * goes negative and is zero once the year is settled.
 */
class VolumeRebateProperties {

    static final LocalDate START = LocalDate.of(2026, 1, 1);

    /** A step: report {@code units} (when positive), else revise the expectation to units reached + {@code extra}. */
    record Step(long units, long extra) {
    }

    record Year(List<VolumeTier> tiers, long expected, List<Step> steps) {
    }

    @Provide
    Arbitrary<Year> years() {
        Arbitrary<List<VolumeTier>> tiers = Combinators.combine(
                        Arbitraries.longs().between(1, 10_000_000).list().ofMinSize(1).ofMaxSize(4),
                        Arbitraries.longs().between(1, 5_000).list().ofMinSize(3).ofMaxSize(3))
                .as((prices, gaps) -> {
                    List<Long> sorted = new ArrayList<>(prices);
                    sorted.sort(java.util.Comparator.reverseOrder()); // prices never rise with volume
                    List<VolumeTier> t = new ArrayList<>();
                    long from = 0;
                    for (int i = 0; i < sorted.size(); i++) {
                        t.add(new VolumeTier(BigDecimal.valueOf(from), BigDecimal.valueOf(sorted.get(i), 6)));
                        from += gaps.get(i % gaps.size());
                    }
                    return t;
                });
        Arbitrary<Step> step = Combinators.combine(Arbitraries.longs().between(0, 4_000), Arbitraries.longs().between(1, 9_000))
                .as(Step::new);
        return Combinators.combine(tiers, Arbitraries.longs().between(1, 20_000), step.list().ofMaxSize(10)).as(Year::new);
    }

    @Property(tries = 200)
    void yearRevenueIsTheFinalPriceTimesTheVolumeAndTheLiabilityNeverGoesNegative(@ForAll("years") Year y) {
        FixtureConfiguration<VolumeRebate> fixture = new AggregateTestFixture<>(VolumeRebate.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) period -> false);
        List<Object> commands = new ArrayList<>();
        commands.add(new AgreeVolumeDiscount("y", "acme", "USD", START, START.plusYears(1).minusDays(1), "units",
                y.tiers(), BigDecimal.valueOf(y.expected()), null));
        long units = 0;
        int n = 0;
        for (Step s : y.steps()) {
            n++;
            if (s.units() > 0) {
                units += s.units();
                commands.add(new ReportVolumeUsage("y", "u" + n, START.plusDays(n), BigDecimal.valueOf(s.units())));
            } else {
                commands.add(new ReviseExpectedVolume("y", "r" + n, START.plusDays(n), BigDecimal.valueOf(units + s.extra()), "outlook"));
            }
        }
        commands.add(new SettleVolumeYear("y", "settle", START.plusYears(1).minusDays(1)));
        fixture.givenCommands(commands.subList(0, commands.size() - 1)).when(commands.get(commands.size() - 1))
                .expectSuccessfulHandlerExecution();

        long revenue = 0;
        long liability = 0;
        List<? extends DomainEventMessage<?>> stored = fixture.getEventStore().readEvents(VolumeRebate.aggregateId("y"))
                .asStream().toList();
        for (DomainEventMessage<?> m : stored) {
            if (m.getPayload() instanceof PostsJournalEntry p && p.journalEntry() != null) {
                for (JournalLine l : p.journalEntry().lines()) {
                    long credit = (l.side() == Side.CREDIT ? 1 : -1) * l.amount().minorUnits();
                    if (l.accountCode().equals("4000")) {
                        revenue += credit;
                    } else if (l.accountCode().equals("2400")) {
                        liability += credit;
                    }
                }
            }
            assertThat(liability).as("refund liability after " + m.getPayloadType().getSimpleName()).isNotNegative();
        }
        BigDecimal finalPrice = VolumeRebate.priceAt(y.tiers(), BigDecimal.valueOf(units));
        long expected = BigDecimal.valueOf(units).multiply(finalPrice).movePointRight(2).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
        assertThat(revenue).as("revenue for the year = units x final price").isEqualTo(expected);
        assertThat(liability).as("refund liability once settled").isZero();
    }
}
