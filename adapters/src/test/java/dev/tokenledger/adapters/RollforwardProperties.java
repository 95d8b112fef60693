package dev.tokenledger.adapters;

import dev.tokenledger.adapters.credits.CreditExpiryJob;
import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.credits.AdoptCreditProgram;
import dev.tokenledger.credits.BreakagePolicy;
import dev.tokenledger.credits.Commands;
import dev.tokenledger.credits.ExpiryRule;
import dev.tokenledger.credits.RefundPayout;
import dev.tokenledger.credits.Settlement;
import dev.tokenledger.projections.credits.CreditReports;
import dev.tokenledger.projections.credits.Rollforward;
import dev.tokenledger.projections.reports.LedgerReports;
import dev.tokenledger.rejection.LedgerRejection;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random credit histories across months (purchases, draws, estimate revisions, refunds, expiries, for several
 * customers, REMOTE and PROPORTIONAL), through the command path into PostgreSQL. Every month the rollforward
 * identity holds and its closing equals the general-ledger balance of the contract liability; the wallets' total
 * liability equals that balance to the cent.
 */
class RollforwardProperties {

    private static ConfigurableApplicationContext app;
    private static final AtomicInteger ids = new AtomicInteger();
    private static final LocalDate START = LocalDate.of(2025, 1, 1);

    record Op(int kind, int customer, int pool, int amount, int day) {
    }

    @BeforeContainer
    static void start() {
        app = PostgresSchema.startLedger("it_rollforward");
        CommandGateway commands = app.getBean(CommandGateway.class);
        commands.sendAndWait(new AdoptCreditProgram("remote", "r", START, "USD", new BigDecimal("0.01"),
                ExpiryRule.daysAfterPurchase(120), BreakagePolicy.REMOTE, null, new BigDecimal("0.05"), true));
        commands.sendAndWait(new AdoptCreditProgram("prop", "p", START, "USD", new BigDecimal("0.01"),
                ExpiryRule.daysAfterPurchase(200), BreakagePolicy.PROPORTIONAL, new BigDecimal("0.7"), BigDecimal.ZERO, true));
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Property(tries = 20)
    void rollforwardIdentityAndGeneralLedgerTieEveryMonth(@ForAll("histories") List<Op> history) throws Exception {
        CommandGateway commands = app.getBean(CommandGateway.class);
        String run = "t" + ids.incrementAndGet();
        for (Op op : history) {
            String customer = run + "-c" + op.customer();
            String pool = "p" + op.pool();
            LocalDate date = START.plusDays(op.day());
            String id = "op" + ids.incrementAndGet();
            Object command = switch (op.kind()) {
                case 0 -> new Commands.PurchaseCredits(customer, pool, op.pool() % 2 == 0 ? "remote" : "prop", date,
                        BigDecimal.valueOf(op.amount() * 7L + 1, 2), "USD", BigDecimal.valueOf(op.amount()), null,
                        op.amount() % 3 == 0 ? Settlement.INVOICED : Settlement.CASH, null);
                case 1 -> new Commands.DrawUsage(customer, id, date, null, BigDecimal.valueOf(op.amount()), null, null);
                case 2 -> new Commands.ReviseBreakageEstimate(customer, pool, id, date, BigDecimal.valueOf(op.amount()));
                case 3 -> new Commands.RefundCredits(customer, id, pool, date, BigDecimal.valueOf(op.amount(), 2), RefundPayout.CASH);
                default -> new Commands.ExpireCreditPool(customer, pool, id, date);
            };
            try {
                commands.sendAndWait(command);
                net.jqwik.api.statistics.Statistics.label("accepted").collect(command.getClass().getSimpleName());
            } catch (LedgerRejection | AggregateNotFoundException refused) {
                // refused requests are part of the history and must change nothing
            }
        }
        // the expiry job reads the pool projection, so let it catch up first (a later scheduled run would too)
        app.getBean(ProjectionMonitor.class).awaitCaughtUp(Duration.ofSeconds(60));
        app.getBean(CreditExpiryJob.class).expireDuePools(START.plusYears(2));
        app.getBean(ProjectionMonitor.class).awaitCaughtUp(Duration.ofSeconds(60));

        Rollforward rollforward = app.getBean(CreditReports.class)
                .rollforward(YearMonth.from(START), YearMonth.from(START.plusYears(2)), null, "USD");
        for (Rollforward.Period period : rollforward.periods()) {
            assertThat(period.identityHolds()).as("identity in " + period.period()).isTrue();
            assertThat(period.tiesToGeneralLedger()).as("GL tie in " + period.period()).isTrue();
        }
        BigDecimal glLiability = app.getBean(LedgerReports.class).trialBalance(LocalDate.of(2100, 1, 1), null).rows().stream()
                .filter(r -> r.accountCode().equals("2300") && r.currency().equals("USD"))
                .map(r -> r.creditBalance().subtract(r.debitBalance())).findFirst().orElse(BigDecimal.ZERO);
        assertThat(glLiability).as("every pool expired: nothing left in the contract liability").isEqualByComparingTo("0");
        assertThat(rollforward.periods().getLast().total().closing()).isEqualByComparingTo(glLiability);
    }

    @Provide
    Arbitrary<List<Op>> histories() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.integers().between(0, 4).edgeCases(e -> e.includeOnly(0, 1)),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 3_000), Arbitraries.integers().between(0, 400)).as(Op::new);
        // every customer starts with a purchase on day 0, so the random operations after it mostly apply
        List<Op> opening = List.of(new Op(0, 0, 0, 2_000, 0), new Op(0, 1, 1, 2_500, 0), new Op(0, 2, 2, 900, 0));
        return op.list().ofMinSize(5).ofMaxSize(30).map(ops -> java.util.stream.Stream.concat(opening.stream(), ops.stream())
                .sorted(java.util.Comparator.comparingInt(Op::day)).toList());
    }
}
