package dev.tokenledger.credits;

import dev.tokenledger.chart.AccountRole;
import dev.tokenledger.kernel.WalletIds;
import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.credits.Commands.DrawUsage;
import dev.tokenledger.credits.Commands.ExpireCreditPool;
import dev.tokenledger.credits.Commands.PurchaseCredits;
import dev.tokenledger.credits.Commands.RefundCredits;
import dev.tokenledger.credits.Commands.ReviseBreakageEstimate;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random histories of purchases, draws, estimate revisions, refunds and expiries, sent through Axon's command
 * path to the Wallet aggregate (in-memory event store). Rejected commands are part of the history and must change
 * nothing. Invariants: every pool's liability stays >= 0 (asserted inside the pool on every change); over an expired
 * pool usage + breakage + escheat + refunds = P; the postings to contract liability tie to the pools to the cent;
 * and total recognised revenue does not depend on how the same usage is split into draws.
 */
class WalletProperties {

    static final ChartOfAccounts CHART = ChartLoader.defaultChart();
    static final Map<String, CreditTerms> PROGRAMS = Map.of(
            "remote", new CreditTerms("remote", 1, java.util.Currency.getInstance("USD"), new BigDecimal("0.01"),
                    ExpiryRule.daysAfterPurchase(365), BreakagePolicy.REMOTE, null, new BigDecimal("0.05"), true, 30),
            "proportional", WalletTest.terms("proportional", BreakagePolicy.PROPORTIONAL, "0.6", "0.02", true));
    static final LocalDate DAY = LocalDate.of(2026, 1, 1);

    sealed interface Step permits Buy, Draw, Revise, Refund, Expire, Dormant {
    }

    record Buy(String program, int priceCents, int credits) implements Step {
    }

    record Draw(int credits) implements Step {
    }

    record Revise(int pool, int percentOfCredits) implements Step {
    }

    record Refund(int pool, int cents) implements Step {
    }

    record Expire(int pool) implements Step {
    }

    /** Declare dormancy {@code days} after the history's day (only takes where the rule allows it). */
    record Dormant(int pool, int days) implements Step {
    }

    @Property(tries = 300)
    void invariantsHoldForAnyHistory(@ForAll("histories") List<Step> history) {
        Run run = new Run();
        for (Step step : history) {
            run.send(step);
        }
        // before expiry: each pool's contract liability in the postings equals the wallet's own ledger of it
        for (Map.Entry<String, long[]> pool : run.postingsPerPool().entrySet()) {
            long[] t = pool.getValue();
            assertThat(t[5]).as("GL liability ties to pool " + pool.getKey()).isEqualTo(t[0] - t[1] - t[2] - t[3] - t[4]);
            assertThat(t[5]).as("liability of " + pool.getKey() + " never negative").isGreaterThanOrEqualTo(0);
        }
        for (int pool = 0; pool < run.pools; pool++) {
            run.send(new Expire(pool));
        }
        List<Object> events = run.events();
        for (Class<?> type : List.of(Events.UsageDrawn.class, Events.BreakageEstimateRevised.class, Events.PoolDeclaredDormant.class,
                Events.CreditsRefunded.class, Events.CreditPoolExpired.class)) {
            net.jqwik.api.statistics.Statistics.label(type.getSimpleName())
                    .collect(events.stream().anyMatch(type::isInstance));
        }
        Map<String, long[]> perPool = run.postingsPerPool();
        for (Map.Entry<String, long[]> pool : perPool.entrySet()) {
            long[] t = pool.getValue();
            // t = {price, usage, breakage, escheat, refunds, liability movements}
            assertThat(t[1] + t[2] + t[3] + t[4]).as("usage + breakage + escheat + refunds = P for " + pool.getKey()).isEqualTo(t[0]);
            assertThat(t[5]).as("contract liability of expired pool " + pool.getKey()).isZero();
        }
    }

    @Property(tries = 200)
    void revenueDoesNotDependOnHowUsageIsSplit(@ForAll @IntRange(min = 1, max = 5000) int total,
                                               @ForAll("splits") List<Integer> cuts,
                                               @ForAll("programs") String program) {
        Run whole = new Run();
        whole.send(new Buy(program, 12_345, 3_000));
        whole.send(new Draw(total));
        Run split = new Run();
        split.send(new Buy(program, 12_345, 3_000));
        int left = total;
        for (int cut : cuts) {
            int part = Math.min(left, cut);
            if (part > 0) {
                split.send(new Draw(part));
                left -= part;
            }
        }
        if (left > 0) {
            split.send(new Draw(left));
        }
        assertThat(split.revenueByRole()).isEqualTo(whole.revenueByRole());
    }

    @Provide
    Arbitrary<String> programs() {
        return Arbitraries.of("remote", "proportional");
    }

    @Provide
    Arbitrary<List<Integer>> splits() {
        return Arbitraries.integers().between(1, 900).list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> buy = net.jqwik.api.Combinators.combine(programs(), Arbitraries.integers().between(1, 50_000),
                Arbitraries.integers().between(1, 9_999)).as(Buy::new);
        Arbitrary<Step> draw = Arbitraries.integers().between(1, 4_000).map(Draw::new);
        Arbitrary<Step> revise = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 100)).as(Revise::new);
        Arbitrary<Step> refund = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(1, 20_000)).as(Refund::new);
        Arbitrary<Step> expire = Arbitraries.integers().between(0, 3).map(Expire::new);
        Arbitrary<Step> dormant = net.jqwik.api.Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 60)).as(Dormant::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, buy), net.jqwik.api.Tuple.of(5, draw),
                net.jqwik.api.Tuple.of(2, revise), net.jqwik.api.Tuple.of(1, refund), net.jqwik.api.Tuple.of(1, expire),
                net.jqwik.api.Tuple.of(1, dormant))
                .list().ofMinSize(1).ofMaxSize(25);
    }

    /** One wallet on a fresh in-memory Axon configuration. */
    static final class Run {
        final Configuration axon;
        final CommandGateway commands;
        int pools;
        int requests;
        final Map<Integer, BigDecimal> credits = new HashMap<>();

        Run() {
            axon = DefaultConfigurer.defaultConfiguration()
                    .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                    .configureAggregate(Wallet.class)
                    .registerComponent(ChartOfAccounts.class, c -> CHART)
                    .registerComponent(PeriodCalendar.class, c -> period -> false)
                    .registerComponent(CreditProgramBook.class, c -> (id, date) -> Optional.ofNullable(PROGRAMS.get(id)))
                    .start();
            commands = axon.commandGateway();
        }

        void send(Step step) {
            String id = "r" + (++requests);
            Object command = switch (step) {
                case Buy b -> new PurchaseCredits("acme", "p" + pools, b.program(), DAY, BigDecimal.valueOf(b.priceCents(), 2),
                        "USD", BigDecimal.valueOf(b.credits()), null, Settlement.CASH, null);
                case Draw d -> new DrawUsage("acme", id, DAY, null, BigDecimal.valueOf(d.credits()), null, null);
                case Revise r -> new ReviseBreakageEstimate("acme", "p" + r.pool(), id, DAY,
                        credits.getOrDefault(r.pool(), BigDecimal.ZERO).multiply(BigDecimal.valueOf(r.percentOfCredits(), 2)));
                case Refund r -> new RefundCredits("acme", id, "p" + r.pool(), DAY, BigDecimal.valueOf(r.cents(), 2), null);
                case Expire e -> new ExpireCreditPool("acme", "p" + e.pool(), id, DAY);
                case Dormant z -> new Commands.DeclareDormancy("acme", "p" + z.pool(), id, DAY.plusDays(z.days()));
            };
            try {
                commands.sendAndWait(command);
                if (step instanceof Buy b) {
                    credits.put(pools++, BigDecimal.valueOf(b.credits()));
                }
            } catch (LedgerRejection | org.axonframework.modelling.command.AggregateNotFoundException rejected) {
                // an invalid step is refused and must leave the wallet unchanged; the invariants below check that
            }
        }

        List<Object> events() {
            List<Object> events = new ArrayList<>();
            DomainEventStream stream = axon.eventStore().readEvents(WalletIds.aggregateId("acme"));
            while (stream.hasNext()) {
                events.add(stream.next().getPayload());
            }
            return events;
        }

        /** Per pool: {P, usage, breakage, escheat, refunds, net credit to contract liability}. */
        Map<String, long[]> postingsPerPool() {
            Map<String, long[]> perPool = new HashMap<>();
            String liability = CHART.accountFor(AccountRole.DEFERRED_REVENUE_CREDITS).code();
            for (Object event : events()) {
                if (event instanceof Events.CreditsPurchased p) {
                    perPool.computeIfAbsent(p.poolId(), k -> new long[6])[0] = p.priceMinor();
                }
                if (event instanceof Events.UsageDrawn d) {
                    d.pools().forEach(pd -> {
                        perPool.get(pd.poolId())[1] += pd.usageRevenueMinor();
                        perPool.get(pd.poolId())[2] += pd.breakageMinor();
                    });
                }
                if (event instanceof Events.BreakageEstimateRevised r) {
                    perPool.get(r.poolId())[2] += r.breakageMinor();
                }
                if (event instanceof Events.CreditsRefunded r) {
                    perPool.get(r.poolId())[4] += r.amountMinor();
                    perPool.get(r.poolId())[2] += r.breakageMinor();
                }
                if (event instanceof Events.PoolDeclaredDormant z) {
                    perPool.get(z.poolId())[2] += z.breakageMinor();
                }
                if (event instanceof Events.CreditPoolExpired x) {
                    perPool.computeIfAbsent(x.poolId(), k -> new long[6]);
                    perPool.get(x.poolId())[2] += x.breakageMinor();
                    perPool.get(x.poolId())[3] += x.escheatMinor();
                }
                if (event instanceof PostsJournalEntry posting && posting.journalEntry() != null) {
                    for (JournalLine line : posting.journalEntry().lines()) {
                        if (line.accountCode().equals(liability)) {
                            long signed = line.side() == Side.CREDIT ? line.amount().minorUnits() : -line.amount().minorUnits();
                            perPool.computeIfAbsent(line.dimensions().creditPool(), k -> new long[6])[5] += signed;
                        }
                    }
                }
            }
            perPool.values().removeIf(t -> t[0] == 0 && t[5] == 0);
            return perPool;
        }

        /** Net amounts posted per account. */
        Map<String, Long> revenueByRole() {
            Map<String, Long> totals = new java.util.TreeMap<>();
            for (Object event : events()) {
                if (event instanceof PostsJournalEntry posting && posting.journalEntry() != null) {
                    for (JournalLine line : posting.journalEntry().lines()) {
                        long signed = line.side() == Side.DEBIT ? line.amount().minorUnits() : -line.amount().minorUnits();
                        totals.merge(line.accountCode(), signed, Long::sum);
                    }
                }
            }
            totals.values().removeIf(v -> v == 0);
            return totals;
        }
    }
}
