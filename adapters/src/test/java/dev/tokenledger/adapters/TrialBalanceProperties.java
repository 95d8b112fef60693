package dev.tokenledger.adapters;

import dev.tokenledger.adapters.projections.ProjectionMonitor;
import dev.tokenledger.chart.Account;
import dev.tokenledger.chart.ChartOfAccounts;
import dev.tokenledger.journal.Dimensions;
import dev.tokenledger.journal.JournalLineRequest;
import dev.tokenledger.journal.PostJournalEntry;
import dev.tokenledger.journal.Side;
import dev.tokenledger.money.Money;
import dev.tokenledger.projections.reports.LedgerReports;
import dev.tokenledger.projections.reports.TrialBalance;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.ConfigurableApplicationContext;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random valid entries, posted through the real command path into PostgreSQL, always leave the trial balance
 * balanced and equal to an independent in-memory sum of the same lines, at any as-of date.
 */
class TrialBalanceProperties {

    private static ConfigurableApplicationContext app;
    private static final List<PostedLine> posted = new ArrayList<>();
    private static final AtomicInteger ids = new AtomicInteger();

    record PostedLine(LocalDate date, String account, String currency, long debitMinor, long creditMinor) {
    }

    record Leg(String account, long minor, String customer) {
    }

    record GeneratedEntry(LocalDate date, String currency, List<Leg> debits, List<Leg> credits) {
    }

    @BeforeContainer
    static void start() {
        app = PostgresSchema.startLedger("it_properties");
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Property(tries = 40)
    void trialBalanceBalancesAndEqualsAnIndependentSum(@ForAll("entries") List<GeneratedEntry> entries,
                                                       @ForAll("dates") LocalDate asOf) throws Exception {
        CommandGateway commands = app.getBean(CommandGateway.class);
        for (GeneratedEntry entry : entries) {
            List<JournalLineRequest> lines = new ArrayList<>();
            Currency currency = Currency.getInstance(entry.currency());
            for (Leg leg : entry.debits()) {
                lines.add(line(leg, Side.DEBIT, currency));
                posted.add(new PostedLine(entry.date(), leg.account(), entry.currency(), leg.minor(), 0));
            }
            for (Leg leg : entry.credits()) {
                lines.add(line(leg, Side.CREDIT, currency));
                posted.add(new PostedLine(entry.date(), leg.account(), entry.currency(), 0, leg.minor()));
            }
            commands.sendAndWait(new PostJournalEntry("prop-" + ids.incrementAndGet(), entry.date(), null,
                    "property test", lines));
        }
        app.getBean(ProjectionMonitor.class).awaitCaughtUp(Duration.ofSeconds(60));

        for (LocalDate date : List.of(asOf, LocalDate.of(2100, 1, 1))) {
            TrialBalance tb = app.getBean(LedgerReports.class).trialBalance(date, null);
            assertThat(tb.balanced()).isTrue();
            Map<String, String> fromLedger = new TreeMap<>();
            for (TrialBalance.Row row : tb.rows()) {
                fromLedger.put(row.accountCode() + " " + row.currency(), row.debits().toPlainString() + "/" + row.credits().toPlainString());
            }
            assertThat(fromLedger).isEqualTo(independentSum(date));
            for (TrialBalance.CurrencyTotal total : tb.totals()) {
                assertThat(total.debits()).isEqualByComparingTo(total.credits());
            }
        }
    }

    private static Map<String, String> independentSum(LocalDate asOf) {
        Map<String, long[]> sums = new TreeMap<>();
        for (PostedLine line : posted) {
            if (!line.date().isAfter(asOf)) {
                long[] s = sums.computeIfAbsent(line.account() + " " + line.currency(), k -> new long[2]);
                s[0] += line.debitMinor();
                s[1] += line.creditMinor();
            }
        }
        Map<String, String> result = new TreeMap<>();
        sums.forEach((key, s) -> {
            Currency currency = Currency.getInstance(key.substring(key.indexOf(' ') + 1));
            result.put(key, Money.ofMinor(s[0], currency).amount().toPlainString() + "/"
                    + Money.ofMinor(s[1], currency).amount().toPlainString());
        });
        return result;
    }

    private static JournalLineRequest line(Leg leg, Side side, Currency currency) {
        BigDecimal amount = Money.ofMinor(leg.minor(), currency).amount();
        return new JournalLineRequest(leg.account(), side, amount, currency.getCurrencyCode(),
                leg.customer() == null ? null : Dimensions.ofCustomer(leg.customer()));
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.integers().between(0, 364).map(d -> LocalDate.of(2026, 1, 1).plusDays(d));
    }

    @Provide
    Arbitrary<List<GeneratedEntry>> entries() {
        List<String> accounts = app.getBean(ChartOfAccounts.class).accounts().stream()
                .filter(Account::postable).map(Account::code).toList();
        Arbitrary<String> account = Arbitraries.of(accounts);
        Arbitrary<String> customer = Arbitraries.of("acme", "globex", "initech").injectNull(0.3);
        Arbitrary<Leg> debit = Combinators.combine(account, Arbitraries.longs().between(1, 5_000_000_000L), customer).as(Leg::new);
        Arbitrary<GeneratedEntry> entry = Combinators.combine(dates(), Arbitraries.of("USD", "EUR", "JPY"),
                        debit.list().ofMinSize(1).ofMaxSize(3), Arbitraries.integers().between(1, 3),
                        account.list().ofSize(3), Arbitraries.longs().between(0, Long.MAX_VALUE))
                .as((date, currency, debits, creditCount, creditAccounts, seed) -> {
                    long total = debits.stream().mapToLong(Leg::minor).sum();
                    int parts = (int) Math.min(creditCount, total);
                    List<Leg> credits = new ArrayList<>();
                    long remaining = total;
                    java.util.Random random = new java.util.Random(seed);
                    for (int i = 0; i < parts - 1; i++) {
                        long share = 1 + random.nextLong(remaining - (parts - 1 - i));
                        credits.add(new Leg(creditAccounts.get(i), share, null));
                        remaining -= share;
                    }
                    credits.add(new Leg(creditAccounts.get(parts - 1), remaining, null));
                    return new GeneratedEntry(date, currency, debits, credits);
                });
        return entry.list().ofMinSize(1).ofMaxSize(4);
    }
}
