package dev.tokenledger.contracts;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.contracts.ContractCommands.ExerciseMaterialRight;
import dev.tokenledger.contracts.ContractCommands.LapseMaterialRight;
import dev.tokenledger.contracts.ContractCommands.ObligationTerms;
import dev.tokenledger.contracts.ContractCommands.ReviseMaterialRightEstimate;
import dev.tokenledger.contracts.ContractCommands.SignContract;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.credits.CreditProgramBook;
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
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of material rights (README "Material rights"): an option's liability never goes negative and is zero once
 * the option is exercised in full or lapses; under PORTFOLIO_REDEMPTION the revenue recognised after any sequence of
 * exercises and revisions is allocated x min(exercised / expected, 1) of the last state, however it got there.
 */
class MaterialRightProperties {

    static final String MR_LIABILITY = "2320";
    static final LocalDate START = LocalDate.of(2026, 1, 1);

    /** A step: exercise {@code units} (> 0) or revise the expectation to {@code expected} (then units = 0). */
    record Step(long units, long expected) {
    }

    record Scenario(long priceCents, long optionUnits, String likelihood, boolean portfolio, List<Step> steps,
                    boolean lapseAtEnd) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.longs().between(0, 3_000), Arbitraries.longs().between(1, 10_000))
                .as(Step::new);
        return Combinators.combine(Arbitraries.longs().between(1, 100_000_000L), Arbitraries.longs().between(1, 10_000),
                        Arbitraries.of("0.05", "0.5", "0.95", "1"), Arbitraries.of(true, false),
                        step.list().ofMaxSize(12), Arbitraries.of(true, false))
                .as(Scenario::new);
    }

    @Property(tries = 150)
    void anOptionsLiabilityNeverGoesNegativeAndClosesAtZero(@ForAll("scenarios") Scenario s) {
        FixtureConfiguration<Contract> fixture = fixture();
        SignContract sign = new SignContract("c1", "acme", "USD", START, START, START.plusYears(1).minusDays(1),
                BigDecimal.valueOf(s.priceCents(), 2), List.of(
                new ObligationTerms("goods", ObligationKind.PRODUCT, null, "goods", BigDecimal.ONE, null, null, null,
                        null, null, null, null, null, null),
                new ObligationTerms("option", ObligationKind.MATERIAL_RIGHT, null, "unit", BigDecimal.valueOf(s.optionUnits()),
                        s.portfolio() ? RecognitionPattern.PORTFOLIO_REDEMPTION : RecognitionPattern.EXERCISE_OR_LAPSE,
                        null, null, null, null, null, null, null, null, new BigDecimal(s.likelihood()))),
                List.of(), null, new ContractCommands.BillingTerms(BillingSchedule.UPFRONT,
                dev.tokenledger.credits.Settlement.INVOICED, 30), null, null, null);
        List<Object> commands = new ArrayList<>(List.of(sign));
        long exercised = 0;
        BigDecimal expected = BigDecimal.valueOf(s.optionUnits()).multiply(new BigDecimal(s.likelihood()));
        int n = 0;
        for (Step step : s.steps()) {
            LocalDate on = START.plusDays(++n);
            if (step.units() > 0 && exercised + step.units() <= s.optionUnits()) {
                exercised += step.units();
                expected = expected.max(BigDecimal.valueOf(exercised));
                commands.add(new ExerciseMaterialRight("c1", "option", "x" + n, on, BigDecimal.valueOf(step.units())));
                if (exercised == s.optionUnits()) {
                    break;
                }
            } else if (step.units() == 0 && s.portfolio() && step.expected() >= exercised && step.expected() <= s.optionUnits()) {
                expected = BigDecimal.valueOf(step.expected());
                commands.add(new ReviseMaterialRightEstimate("c1", "option", "r" + n, on, expected, "experience"));
            }
        }
        boolean closes = s.lapseAtEnd() || exercised == s.optionUnits();
        if (s.lapseAtEnd() && exercised < s.optionUnits()) {
            commands.add(new LapseMaterialRight("c1", "option", "lapse", START.plusDays(++n), null));
        }
        fixture.givenCommands(commands.subList(0, commands.size() - 1)).when(commands.get(commands.size() - 1))
                .expectSuccessfulHandlerExecution();

        long allocated = -1;
        long liability = 0;
        List<? extends DomainEventMessage<?>> stored = fixture.getEventStore()
                .readEvents(ContractIds.aggregateId("c1")).asStream().toList();
        for (DomainEventMessage<?> m : stored) {
            if (m.getPayload() instanceof ContractEvents.MaterialRightFunded f) {
                allocated = f.amountMinor();
            }
            if (m.getPayload() instanceof PostsJournalEntry p && p.journalEntry() != null) {
                for (JournalLine l : p.journalEntry().lines()) {
                    if (l.accountCode().equals(MR_LIABILITY)) {
                        liability += (l.side() == Side.CREDIT ? 1 : -1) * l.amount().minorUnits();
                    }
                }
            }
            assertThat(liability).as("material-right liability after " + m.getPayloadType().getSimpleName()).isNotNegative();
        }
        if (closes) {
            assertThat(liability).as("liability once exercised in full or lapsed").isZero();
        } else if (s.portfolio() && allocated >= 0) {
            BigDecimal ratio = BigDecimal.valueOf(exercised).divide(expected, 30, RoundingMode.HALF_UP).min(BigDecimal.ONE);
            long revenue = BigDecimal.valueOf(allocated).multiply(ratio).setScale(0, RoundingMode.HALF_UP).longValueExact();
            assertThat(allocated - liability).as("portfolio revenue = allocated x min(exercised / expected, 1)")
                    .isEqualTo(revenue);
        }
    }

    static FixtureConfiguration<Contract> fixture() {
        FixtureConfiguration<Contract> fixture = new AggregateTestFixture<>(Contract.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) period -> false);
        java.util.Currency usd = java.util.Currency.getInstance("USD");
        fixture.registerInjectableResource((SspBook) (id, date) -> Optional.of(new SspTerms(id, 1, START.minusYears(1),
                id, usd, SspMethod.OBSERVABLE_PRICE, "each", "goods".equals(id) ? new BigDecimal("1000") : new BigDecimal("0.37"),
                null, null, "list", START.minusYears(1))));
        fixture.registerInjectableResource((CreditProgramBook) (id, date) -> Optional.empty());
        fixture.registerInjectableResource((ConsumptionMeter) (customer, currency, from, through) ->
                new ConsumptionMeter.Consumption(BigDecimal.ZERO, 0));
        return fixture;
    }
}
