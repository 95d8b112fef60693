package dev.tokenledger.credits;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.credits.Commands.DrawUsage;
import dev.tokenledger.credits.Commands.ExpireCreditPool;
import dev.tokenledger.credits.Commands.PurchaseCredits;
import dev.tokenledger.credits.Commands.RemitUnclaimedProperty;
import dev.tokenledger.credits.Commands.ReportUnclaimedProperty;
import dev.tokenledger.credits.WalletTest.Capture;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.RejectionCode;
import dev.tokenledger.testing.Fixtures;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unclaimed property worked by hand (ASC 606-10-55-49; accounting brief §4 and §5b; README "Unclaimed property").
 * Accounts: 1000 cash, 2300 prepaid credits, 2500 unclaimed property payable, 4000 usage revenue, 4200 breakage.
 */
class UnclaimedPropertyTest {

    static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    final Map<String, CreditTerms> programs = new HashMap<>();
    FixtureConfiguration<Wallet> fixture;

    @BeforeEach
    void setUp() {
        // 80% of credits expected to be redeemed; half of what is not is expected to go to the states
        programs.put("unredeemed", new CreditTerms("unredeemed", 1, WalletTest.USD, WalletTest.CENT,
                ExpiryRule.daysAfterPurchase(365), BreakagePolicy.PROPORTIONAL, new BigDecimal("0.80"),
                new BigDecimal("0.50"), false, null, EscheatBasis.EXPECTED_UNREDEEMED));
        programs.put("remote", WalletTest.terms("remote", BreakagePolicy.REMOTE, null, "0", false));
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) period -> false);
        fixture.registerInjectableResource((CreditProgramBook) (id, date) -> Optional.ofNullable(programs.get(id)));
    }

    static PurchaseCredits buy(String program) {
        return new PurchaseCredits("acme", "p1", program, JAN_1, new BigDecimal("1000.00"), "USD",
                BigDecimal.valueOf(100_000), null, Settlement.CASH, null);
    }

    static final DrawUsage USED = new DrawUsage("acme", "d1", LocalDate.of(2026, 3, 1), null, BigDecimal.valueOf(40_000), null, null);
    static final ReportUnclaimedProperty REPORT = new ReportUnclaimedProperty("acme", "p1", "de-2026", LocalDate.of(2026, 9, 30),
            "US-DE", LocalDate.of(2027, 3, 1));

    @Test
    void escheatAsAShareOfTheExpectedUnredeemedAmountThenRemitted() {
        // X = 1,000 x (1 - 0.80) x 0.50 = 100.00. 40,000 of 100,000 credits used: usage 1,000 x 40% = 400.00; revenue
        // in total round((1,000 - 100) x 40,000 / 80,000) = 450.00, so breakage 50.00
        Capture events = new Capture();
        fixture.givenCommands(buy("unredeemed")).when(USED).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2300 400.00", "CR 4000 400.00", "DR 2300 50.00", "CR 4200 50.00");
        // reportable under the state's dormancy rule before the pool expires: the pool closes, X to 2500, the rest
        // (1,000 - 400 - 50 - 100 = 450.00) is breakage
        fixture.givenCommands(buy("unredeemed"), USED).when(REPORT).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2300 450.00", "CR 4200 450.00", "DR 2300 100.00", "CR 2500 100.00");
        // over the pool's life: usage 400 + breakage 500 + escheat 100 = P
        RemitUnclaimedProperty remit = new RemitUnclaimedProperty("acme", "p1", "de-remit", LocalDate.of(2027, 2, 20), null);
        fixture.givenCommands(buy("unredeemed"), USED, REPORT).when(remit).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2500 100.00", "CR 1000 100.00");
        fixture.givenCommands(buy("unredeemed"), USED, REPORT, remit)
                .when(new RemitUnclaimedProperty("acme", "p1", "again", LocalDate.of(2027, 2, 21), new BigDecimal("0.01")))
                .expectException(Fixtures.rejected(RejectionCode.REMITTANCE_EXCEEDS_OWED, "amount", "owes 0.00"));
    }

    @Test
    void escheatReclassifiedAtExpiryIsReportedLaterWithoutPostingAgain() {
        ExpireCreditPool expire = new ExpireCreditPool("acme", "p1", "x1", LocalDate.of(2027, 1, 1));
        fixture.givenCommands(buy("unredeemed"), USED, expire)
                .when(new RemitUnclaimedProperty("acme", "p1", "r", LocalDate.of(2027, 1, 5), null))
                .expectException(Fixtures.rejected(RejectionCode.UNCLAIMED_PROPERTY_NOT_REPORTED, "poolId", "report it first"));
        Capture events = new Capture();
        fixture.givenCommands(buy("unredeemed"), USED, expire)
                .when(REPORT.withDate(LocalDate.of(2027, 1, 2))).expectSuccessfulHandlerExecution().expectEventsMatching(events);
        assertThat(events.postings()).isEmpty();
        fixture.givenCommands(buy("unredeemed"), USED, expire, REPORT.withDate(LocalDate.of(2027, 1, 2)))
                .when(new RemitUnclaimedProperty("acme", "p1", "r", LocalDate.of(2027, 2, 20), new BigDecimal("60.00")))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2500 60.00", "CR 1000 60.00");
        fixture.givenCommands(buy("remote")).when(new ReportUnclaimedProperty("acme", "p1", "r", JAN_1, "US-DE", JAN_1))
                .expectException(Fixtures.rejected(RejectionCode.NO_ESCHEAT_EXPECTED, "poolId", "escheatShare is 0"));
    }
}
