package dev.tokenledger.credits;

import dev.tokenledger.chart.ChartLoader;
import dev.tokenledger.credits.Commands.DrawUsage;
import dev.tokenledger.credits.Commands.ExpireCreditPool;
import dev.tokenledger.credits.Commands.GrantPromotionalCredits;
import dev.tokenledger.credits.Commands.PurchaseCredits;
import dev.tokenledger.credits.Commands.RefundCredits;
import dev.tokenledger.credits.Commands.ReviseBreakageEstimate;
import dev.tokenledger.journal.JournalLine;
import dev.tokenledger.journal.PostsJournalEntry;
import dev.tokenledger.periods.PeriodCalendar;
import dev.tokenledger.rejection.LedgerRejection;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * Worked examples computed by hand under ASC 606-10-55-46 to 55-49 (README "Prepaid credits"). Postings are read as tables:
 * "DR 2300 27.00" debits the account with code 2300 (contract liability, prepaid credits) by 27.00.
 */
class WalletTest {

    static final Currency USD = Currency.getInstance("USD");
    static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    static final BigDecimal CENT = new BigDecimal("0.01");
    final Map<String, CreditTerms> programs = new HashMap<>();
    FixtureConfiguration<Wallet> fixture;

    @BeforeEach
    void setUp() {
        programs.put("remote", terms("remote", BreakagePolicy.REMOTE, null, "0", true));
        programs.put("escheat", terms("escheat", BreakagePolicy.REMOTE, null, "0.10", false));
        programs.put("dormant", new CreditTerms("dormant", 1, USD, CENT, ExpiryRule.daysAfterPurchase(730),
                BreakagePolicy.REMOTE, null, BigDecimal.ZERO, true, 180));
        programs.put("proportional", terms("proportional", BreakagePolicy.PROPORTIONAL, "0.75", "0", false));
        fixture = new AggregateTestFixture<>(Wallet.class);
        fixture.registerInjectableResource(ChartLoader.defaultChart());
        fixture.registerInjectableResource((PeriodCalendar) period -> false);
        fixture.registerInjectableResource((CreditProgramBook) (id, date) -> Optional.ofNullable(programs.get(id)));
    }

    static CreditTerms terms(String id, BreakagePolicy policy, String rate, String escheat, boolean refunds) {
        return new CreditTerms(id, 1, USD, CENT, ExpiryRule.daysAfterPurchase(365), policy,
                rate == null ? null : new BigDecimal(rate), new BigDecimal(escheat), refunds);
    }

    static PurchaseCredits purchase(String id, String program, String price, long credits, long bonus) {
        return new PurchaseCredits("acme", id, program, JAN_1, new BigDecimal(price), "USD", BigDecimal.valueOf(credits),
                BigDecimal.valueOf(bonus), Settlement.CASH, null);
    }

    static DrawUsage draw(String id, long credits) {
        return new DrawUsage("acme", id, LocalDate.of(2026, 2, 1), Instant.parse("2026-02-01T10:00:00Z"),
                BigDecimal.valueOf(credits), null, "req-" + id);
    }

    // --- purchases -----------------------------------------------------------------------------------------

    @Test
    void bonusCreditPurchaseMakesOnePoolWhoseCreditsAreWorthPOverN() {
        Capture events = new Capture();
        fixture.givenNoPriorActivity()
                .when(purchase("p1", "remote", "100.00", 10_000, 2_000))
                .expectSuccessfulHandlerExecution().expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1000 100.00", "CR 2300 100.00");

        // 3,000 of 12,000 credits: round(10000 x 3000 / 12000) = 2500 cents
        fixture.givenCommands(purchase("p1", "remote", "100.00", 10_000, 2_000))
                .when(draw("d1", 3_000)).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2300 25.00", "CR 4000 25.00");

        // one more credit: cumulative round(10000 x 3001 / 12000) = round(2500.83) = 2501, so one cent is posted
        fixture.givenCommands(purchase("p1", "remote", "100.00", 10_000, 2_000), draw("d1", 3_000))
                .when(draw("d2", 1)).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2300 0.01", "CR 4000 0.01");
    }

    @Test
    void invoicedPurchaseDebitsReceivables() {
        Capture events = new Capture();
        fixture.givenNoPriorActivity()
                .when(new PurchaseCredits("acme", "p1", "remote", JAN_1, new BigDecimal("250"), "USD",
                        BigDecimal.valueOf(25_000), null, Settlement.INVOICED, null))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1100 250.00", "CR 2300 250.00");
    }

    // --- draws naming their pool ---------------------------------------------------------------------------

    @Test
    void aDrawNamingItsPoolConsumesThatPoolFirstAndRefusesOneItCannotUse() {
        // p1 expires first (365 days) and would be drawn first; the contract's own pool p2 is named
        PurchaseCredits p1 = purchase("p1", "remote", "100.00", 10_000, 0);
        PurchaseCredits p2 = new PurchaseCredits("acme", "p2", "remote", JAN_1.plusDays(30), new BigDecimal("50.00"),
                "USD", BigDecimal.valueOf(5_000), null, Settlement.CASH, null);
        DrawUsage named = new DrawUsage("acme", "d1", LocalDate.of(2026, 3, 1), null, BigDecimal.valueOf(6_000), null,
                null, "p2");
        Capture events = new Capture();
        // 5,000 from p2 (all of it: 50.00), the other 1,000 from p1 in the default order (10.00)
        fixture.givenCommands(p1, p2).when(named).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2300 50.00", "CR 4000 50.00", "DR 2300 10.00", "CR 4000 10.00");
        expectRejection(fixture.givenCommands(p1, p2, named), new DrawUsage("acme", "d2", LocalDate.of(2026, 3, 2), null,
                BigDecimal.ONE, null, null, "p2"), "POOL_EMPTY");
        expectRejection(fixture.givenCommands(p1, p2), new DrawUsage("acme", "d2", LocalDate.of(2026, 3, 2), null,
                BigDecimal.ONE, null, null, "someone-elses"), "UNKNOWN_POOL");
        expectRejection(fixture.givenCommands(p1, p2, new ExpireCreditPool("acme", "p1", "x1", LocalDate.of(2026, 4, 1))),
                new DrawUsage("acme", "d2", LocalDate.of(2026, 4, 2), null, BigDecimal.ONE, null, null, "p1"), "POOL_EXPIRED");
    }

    // --- REMOTE breakage and escheat -----------------------------------------------------------------------

    @Test
    void remotePoolThatPartlyExpiresTurnsTheRestIntoBreakage() {
        Capture events = new Capture();
        // P = 50.00, N = 5,000; 1,234 credits used = 12.34; at expiry 50.00 - 12.34 = 37.66 is breakage
        fixture.givenCommands(purchase("p1", "remote", "50.00", 5_000, 0), draw("d1", 1_234))
                .when(new ExpireCreditPool("acme", "p1", "x1", LocalDate.of(2027, 1, 1)))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2300 37.66", "CR 4200 37.66");
    }

    @Test
    void escheatIsReclassifiedToUnclaimedPropertyAtExpiry() {
        Capture events = new Capture();
        // P = 200.00 with 10% escheat: X = 20.00; 5,000 of 20,000 credits used = 50.00; remaining 150.00
        fixture.givenCommands(purchase("p1", "escheat", "200.00", 20_000, 0), draw("d1", 5_000))
                .when(new ExpireCreditPool("acme", "p1", "x1", LocalDate.of(2027, 1, 1)))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly(
                "DR 2300 130.00", "CR 4200 130.00",
                "DR 2300 20.00", "CR 2500 20.00");
    }

    @Test
    void dormancyRecognisesBreakageThatRenewedUsageGivesBack() {
        PurchaseCredits buy = purchase("p1", "dormant", "50.00", 5_000, 0);
        DrawUsage early = new DrawUsage("acme", "d1", JAN_1.plusDays(10), null, BigDecimal.valueOf(1_000), null, null);
        Commands.DeclareDormancy tooSoon = new Commands.DeclareDormancy("acme", "p1", "z1", JAN_1.plusDays(189));
        Commands.DeclareDormancy dormant = new Commands.DeclareDormancy("acme", "p1", "z1", JAN_1.plusDays(190));
        DrawUsage back = new DrawUsage("acme", "d2", JAN_1.plusDays(250), null, BigDecimal.valueOf(500), null, null);
        Capture events = new Capture();
        // last usage on day 10 + 180 days of dormancy: dormant from day 190, not before
        expectRejection(fixture.givenCommands(buy, early), tooSoon, "DORMANCY_NOT_APPLICABLE");
        // 50.00 - 10.00 used = 40.00 recognised as breakage
        fixture.givenCommands(buy, early).when(dormant).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2300 40.00", "CR 4200 40.00");
        expectRejection(fixture.givenCommands(buy, early, dormant),
                new RefundCredits("acme", "r1", "p1", JAN_1.plusDays(200), BigDecimal.ONE, null), "REFUND_EXCEEDS_REMAINING");
        // usage resumes: the dormancy breakage is given back, then 500 credits = 5.00 of usage revenue
        fixture.givenCommands(buy, early, dormant).when(back).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2300 5.00", "CR 4000 5.00", "DR 4200 40.00", "CR 2300 40.00");
        // at expiry the rest (50 - 10 - 5 = 35.00) is breakage: usage 15.00 + breakage 35.00 = P
        fixture.givenCommands(buy, early, dormant, back)
                .when(new ExpireCreditPool("acme", "p1", "x1", JAN_1.plusDays(730)))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2300 35.00", "CR 4200 35.00");
        expectRejection(fixture.givenCommands(purchase("p1", "remote", "1.00", 100, 0)),
                new Commands.DeclareDormancy("acme", "p1", "z1", JAN_1.plusYears(5)), "DORMANCY_NOT_APPLICABLE");
    }

    // --- PROPORTIONAL breakage -----------------------------------------------------------------------------

    @Test
    void proportionalPoolWithDownwardAndUpwardRevisionsAndExpiryTrueUp() {
        PurchaseCredits buy = purchase("p1", "proportional", "90.00", 1_000, 0); // E = 750
        Capture events = new Capture();
        // R = 300: usage round(9000 x 300/1000) = 2700; total round(9000 x 300/750) = 3600; breakage 900
        fixture.givenCommands(buy).when(draw("d1", 300)).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2300 27.00", "CR 4000 27.00", "DR 2300 9.00", "CR 4200 9.00");

        // E lowered to 600: total round(9000 x 300/600) = 4500; breakage 1800, so 9.00 more
        ReviseBreakageEstimate down = new ReviseBreakageEstimate("acme", "p1", "e1", LocalDate.of(2026, 3, 1), BigDecimal.valueOf(600));
        fixture.givenCommands(buy, draw("d1", 300)).when(down).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2300 9.00", "CR 4200 9.00");

        // E raised to 900: total round(9000 x 300/900) = 3000; breakage 300, so a negative catch-up of 15.00
        ReviseBreakageEstimate up = new ReviseBreakageEstimate("acme", "p1", "e2", LocalDate.of(2026, 4, 1), BigDecimal.valueOf(900));
        fixture.givenCommands(buy, draw("d1", 300), down).when(up).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 4200 15.00", "CR 2300 15.00");

        // expiry: liability 9000 - 2700 - 300 = 6000 trued up to breakage; usage 2700 + breakage 6300 = P
        fixture.givenCommands(buy, draw("d1", 300), down, up)
                .when(new ExpireCreditPool("acme", "p1", "x1", LocalDate.of(2027, 1, 1)))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 2300 60.00", "CR 4200 60.00");
    }

    @Test
    void aDrawBeyondTheEstimateRevisesItFirst() {
        Capture events = new Capture();
        // E = 750; drawing 800 makes E = 800: total = 9000 (all of P), usage round(9000 x 0.8) = 7200, breakage 1800
        fixture.givenCommands(purchase("p1", "proportional", "90.00", 1_000, 0))
                .when(draw("d1", 800)).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2300 72.00", "CR 4000 72.00", "DR 2300 18.00", "CR 4200 18.00");
        assertThat(((Events.UsageDrawn) events.payloads().getFirst()).pools().getFirst().expectedAfter())
                .isEqualByComparingTo("800");
    }

    // --- promotional credits and overage -------------------------------------------------------------------

    @Test
    void promotionalCreditsAreDrawnFirstWhenTheyExpireFirstAndPostNoRevenue() {
        GrantPromotionalCredits promo = new GrantPromotionalCredits("acme", "g1", "remote", JAN_1, BigDecimal.valueOf(500),
                LocalDate.of(2026, 3, 31));
        Capture events = new Capture();
        fixture.givenCommands(purchase("p1", "remote", "100.00", 10_000, 0), promo)
                .when(draw("d1", 200)).expectEventsMatching(events);
        assertThat(events.postings()).isEmpty();
        assertThat(((Events.UsageDrawn) events.payloads().getFirst()).pools().getFirst().poolId()).isEqualTo("g1");
    }

    @Test
    void usageBeyondAllCreditsIsOverageThenInvoiceable() {
        GrantPromotionalCredits promo = new GrantPromotionalCredits("acme", "g1", "remote", JAN_1, BigDecimal.valueOf(300), null);
        Capture events = new Capture();
        // 300 promotional credits cover part; 100 credits x 0.01 = 1.00 of overage billed in arrears
        fixture.givenCommands(promo).when(draw("d1", 400)).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1150 1.00", "CR 4000 1.00");
    }

    @Test
    void overageThenInvoiceThenPayment() {
        GrantPromotionalCredits promo = new GrantPromotionalCredits("acme", "g1", "remote", JAN_1, BigDecimal.valueOf(300), null);
        DrawUsage over = draw("d1", 1_300); // 1,000 credits beyond the grant = 10.00 of overage
        Commands.InvoiceOverage invoice = new Commands.InvoiceOverage("acme", "inv-1", LocalDate.of(2026, 3, 1), null);
        Capture events = new Capture();
        fixture.givenCommands(promo).when(over).expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1150 10.00", "CR 4000 10.00");
        fixture.givenCommands(promo, over).when(invoice).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1100 10.00", "CR 1150 10.00");
        expectRejection(fixture.givenCommands(promo, over, invoice),
                new Commands.InvoiceOverage("acme", "inv-2", LocalDate.of(2026, 3, 1), BigDecimal.ONE), "INVOICE_EXCEEDS_UNBILLED");
        expectRejection(fixture.givenCommands(promo, over, invoice),
                new Commands.RecordPayment("acme", "pay-1", "inv-1", LocalDate.of(2026, 3, 20), new BigDecimal("10.01")), "PAYMENT_EXCEEDS_INVOICE");
        Commands.RecordPayment part = new Commands.RecordPayment("acme", "pay-1", "inv-1", LocalDate.of(2026, 3, 20), new BigDecimal("4.00"));
        fixture.givenCommands(promo, over, invoice).when(part).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1000 4.00", "CR 1100 4.00");
        fixture.givenCommands(promo, over, invoice, part)
                .when(new Commands.RecordPayment("acme", "pay-2", "inv-1", LocalDate.of(2026, 3, 25), null))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1000 6.00", "CR 1100 6.00");
        expectRejection(fixture.givenCommands(promo), new Commands.RecordPayment("acme", "pay-1", "nope", JAN_1, null), "UNKNOWN_INVOICE");
    }

    @Test
    void anInvoicedPurchaseIsPaidUnderItsPurchaseId() {
        PurchaseCredits invoiced = new PurchaseCredits("acme", "p1", "remote", JAN_1, new BigDecimal("250"), "USD",
                BigDecimal.valueOf(25_000), null, Settlement.INVOICED, null);
        Capture events = new Capture();
        fixture.givenCommands(invoiced)
                .when(new Commands.RecordPayment("acme", "pay-1", "p1", LocalDate.of(2026, 1, 30), null))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 1000 250.00", "CR 1100 250.00");
    }

    @Test
    void subCentOverageIsPostedByCumulativeCatchUp() {
        GrantPromotionalCredits empty = new GrantPromotionalCredits("acme", "g1", "remote", JAN_1, BigDecimal.ONE, null);
        DrawUsage first = new DrawUsage("acme", "v1", JAN_1, null, null, new BigDecimal("0.014"), null);
        DrawUsage second = new DrawUsage("acme", "v2", JAN_1, null, null, new BigDecimal("0.004"), null);
        DrawUsage third = new DrawUsage("acme", "v3", JAN_1, null, null, new BigDecimal("0.004"), null);
        Capture events = new Capture();
        // 0.014 = 1 promotional credit (0.01) + 0.004 overage: round(0.004) = 0.00, nothing to post
        fixture.givenCommands(empty).when(first).expectEventsMatching(events);
        assertThat(events.postings()).isEmpty();
        // cumulative overage 0.008 rounds to 0.01
        fixture.givenCommands(empty, first).when(second).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1150 0.01", "CR 4000 0.01");
        // cumulative 0.012 still rounds to 0.01: nothing more
        fixture.givenCommands(empty, first, second).when(third).expectEventsMatching(events = new Capture());
        assertThat(events.postings()).isEmpty();
    }

    // --- refunds -------------------------------------------------------------------------------------------

    @Test
    void refundOfUnusedCreditsAndNothingLeftAtExpiry() {
        PurchaseCredits buy = purchase("p1", "remote", "100.00", 10_000, 0);
        Capture events = new Capture();
        fixture.givenCommands(buy, draw("d1", 4_000))
                .when(new RefundCredits("acme", "r1", "p1", LocalDate.of(2026, 3, 1), new BigDecimal("60.01"), RefundPayout.CASH))
                .expectNoEvents().expectExceptionMessage(containsString("REFUND_EXCEEDS_REMAINING"));
        fixture.givenCommands(buy, draw("d1", 4_000))
                .when(new RefundCredits("acme", "r1", "p1", LocalDate.of(2026, 3, 1), new BigDecimal("60.00"), RefundPayout.CASH))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2300 60.00", "CR 1000 60.00");
        RefundCredits refund = new RefundCredits("acme", "r1", "p1", LocalDate.of(2026, 3, 1), new BigDecimal("60.00"), RefundPayout.CASH);
        fixture.givenCommands(buy, draw("d1", 4_000), refund)
                .when(new ExpireCreditPool("acme", "p1", "x1", LocalDate.of(2027, 1, 1)))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).isEmpty();
        // and the pool can no longer be drawn: the next draw is overage
        fixture.givenCommands(buy, draw("d1", 4_000), refund).when(draw("d2", 1))
                .expectEventsMatching(events = new Capture());
        assertThat(events.postings()).containsExactly("DR 1150 0.01", "CR 4000 0.01");
    }

    @Test
    void refundToARefundLiability() {
        Capture events = new Capture();
        fixture.givenCommands(purchase("p1", "remote", "10.00", 1_000, 0))
                .when(new RefundCredits("acme", "r1", "p1", JAN_1, new BigDecimal("10"), RefundPayout.REFUND_LIABILITY))
                .expectEventsMatching(events);
        assertThat(events.postings()).containsExactly("DR 2300 10.00", "CR 2400 10.00");
    }

    // --- holds --------------------------------------------------------------------------------------------

    static final Instant NOON = Instant.parse("2026-02-01T12:00:00Z");

    @Test
    void holdsReserveCreditsPostNothingAndNeverExceedTheAvailableBalance() {
        PurchaseCredits buy = purchase("p1", "remote", "10.00", 1_000, 0);
        Commands.PlaceHold first = new Commands.PlaceHold("acme", "h1", NOON, null, BigDecimal.valueOf(600), null, 60L);
        Capture events = new Capture();
        fixture.givenCommands(buy).when(first).expectEventsMatching(events);
        assertThat(events.postings()).isEmpty();
        assertThat(events.payloads()).singleElement().isInstanceOf(Events.HoldPlaced.class);
        // 1,000 credits less 600 held: a second hold of 500 is refused, one of 400 fits
        expectRejection(fixture.givenCommands(buy, first),
                new Commands.PlaceHold("acme", "h2", NOON, null, BigDecimal.valueOf(500), null, 60L), "INSUFFICIENT_BALANCE");
        fixture.givenCommands(buy, first)
                .when(new Commands.PlaceHold("acme", "h2", NOON, null, null, new BigDecimal("4.00"), 60L))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anExpiredHoldNoLongerCounts() {
        PurchaseCredits buy = purchase("p1", "remote", "10.00", 1_000, 0);
        Commands.PlaceHold first = new Commands.PlaceHold("acme", "h1", NOON, null, BigDecimal.valueOf(600), null, 60L);
        fixture.givenCommands(buy, first)
                .when(new Commands.PlaceHold("acme", "h2", NOON.plusSeconds(61), null, BigDecimal.valueOf(1_000), null, 60L))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void captureClosesTheHoldAndDrawsWhatWasActuallyUsed() {
        PurchaseCredits buy = purchase("p1", "remote", "10.00", 1_000, 0);
        Commands.PlaceHold hold = new Commands.PlaceHold("acme", "h1", NOON, null, BigDecimal.valueOf(600), null, 60L);
        Capture events = new Capture();
        fixture.givenCommands(buy, hold)
                .when(new Commands.CaptureHold("acme", "h1", "d1", LocalDate.of(2026, 2, 1), NOON, BigDecimal.valueOf(250), null, "req-9"))
                .expectEventsMatching(events);
        assertThat(events.payloads().getFirst()).isEqualTo(new Events.HoldReleased("acme", "h1", true));
        assertThat(events.postings()).containsExactly("DR 2300 2.50", "CR 4000 2.50");
        // the released hold frees its credits: 750 remain, all of them can be held again
        fixture.givenCommands(buy, hold, new Commands.CaptureHold("acme", "h1", "d1", LocalDate.of(2026, 2, 1), NOON,
                        BigDecimal.valueOf(250), null, "req-9"))
                .when(new Commands.PlaceHold("acme", "h2", NOON, null, BigDecimal.valueOf(750), null, 60L))
                .expectSuccessfulHandlerExecution();
        expectRejection(fixture.givenCommands(buy), new Commands.ReleaseHold("acme", "nope"), "UNKNOWN_HOLD");
        fixture.givenCommands(buy, hold).when(new Commands.ReleaseHold("acme", "h1"))
                .expectEvents(new Events.HoldReleased("acme", "h1", false));
    }

    // --- rejections and idempotency ------------------------------------------------------------------------

    @Test
    void invalidRequestsAreRejectedAndChangeNothing() {
        PurchaseCredits buy = purchase("p1", "remote", "100.00", 10_000, 0);
        expectRejection(fixture.givenNoPriorActivity(), purchase("p2", "nope", "1.00", 1, 0), "UNKNOWN_PROGRAM");
        expectRejection(fixture.givenNoPriorActivity(), new PurchaseCredits("acme", "p2", "remote", JAN_1,
                BigDecimal.TEN, "EUR", BigDecimal.TEN, null, null, null), "CURRENCY_MISMATCH");
        expectRejection(fixture.givenNoPriorActivity(), purchase("p2", "remote", "-1.00", 1, 0), "NON_POSITIVE_AMOUNT");
        expectRejection(fixture.givenNoPriorActivity(), purchase("p2", "remote", "1.001", 1, 0), "PRECISION_BEYOND_MINOR_UNIT");
        expectRejection(fixture.givenNoPriorActivity(), purchase("p2", "remote", "1.00", 0, 0), "CREDITS_REQUIRED");
        expectRejection(fixture.givenCommands(buy), draw("d1", 0), "CREDITS_REQUIRED");
        expectRejection(fixture.givenCommands(buy), new DrawUsage("acme", "d1", JAN_1.minusDays(1), null,
                BigDecimal.ONE, null, null), "DATED_BEFORE_POOL");
        expectRejection(fixture.givenCommands(buy), new DrawUsage("acme", "bad id!", JAN_1, null, BigDecimal.ONE, null, null),
                "REQUEST_ID_INVALID");
        expectRejection(fixture.givenCommands(buy), new DrawUsage("acme", "d1", null, null, BigDecimal.ONE, null, null),
                "EFFECTIVE_DATE_REQUIRED");
        expectRejection(fixture.givenCommands(buy), new ExpireCreditPool("acme", "zz", "x1", JAN_1), "UNKNOWN_POOL");
        expectRejection(fixture.givenCommands(buy), new ExpireCreditPool("acme", "p1", "x1", JAN_1.minusDays(1)), "DATED_BEFORE_POOL");
        expectRejection(fixture.givenCommands(purchase("p1", "escheat", "1.00", 100, 0)),
                new RefundCredits("acme", "r1", "p1", JAN_1, BigDecimal.ONE, null), "REFUNDS_NOT_ALLOWED");
        expectRejection(fixture.givenCommands(buy),
                new ReviseBreakageEstimate("acme", "p1", "e1", JAN_1, BigDecimal.TEN), "NOT_PROPORTIONAL");
        expectRejection(fixture.givenCommands(purchase("p1", "proportional", "90.00", 1_000, 0)),
                new ReviseBreakageEstimate("acme", "p1", "e1", JAN_1, BigDecimal.valueOf(1_001)), "ESTIMATE_OUT_OF_RANGE");
        expectRejection(fixture.givenCommands(buy), purchase("p1", "remote", "99.00", 10_000, 0), "IDEMPOTENCY_KEY_REUSED");
        expectRejection(fixture.givenCommands(buy, new ExpireCreditPool("acme", "p1", "x1", JAN_1)),
                new ExpireCreditPool("acme", "p1", "x2", JAN_1), "POOL_EXPIRED");
    }

    @Test
    void aRetriedRequestIsANoOp() {
        PurchaseCredits buy = purchase("p1", "remote", "100.00", 10_000, 0);
        fixture.givenCommands(buy, draw("d1", 10)).when(draw("d1", 10))
                .expectNoEvents().expectResultMessagePayload(new Wallet.WalletResult("d1", "wallet:acme:d1", true));
        fixture.givenCommands(buy).when(buy)
                .expectNoEvents().expectResultMessagePayload(new Wallet.WalletResult("p1", "wallet:acme:p1", true));
    }

    private static void expectRejection(org.axonframework.test.aggregate.TestExecutor<Wallet> given, Object command, String code) {
        given.when(command).expectNoEvents().expectException(LedgerRejection.class)
                .expectExceptionMessage(containsString(code));
    }

    /** Captures the events a 'when' published, to read their postings as a table. */
    static final class Capture extends TypeSafeMatcher<List<EventMessage<?>>> {
        private List<EventMessage<?>> events = List.of();

        @Override
        protected boolean matchesSafely(List<EventMessage<?>> published) {
            events = published;
            return true;
        }

        @Override
        public void describeTo(Description description) {
            description.appendText("any events");
        }

        List<Object> payloads() {
            return events.stream().map(e -> (Object) e.getPayload()).toList();
        }

        List<String> postings() {
            List<String> rows = new ArrayList<>();
            for (Object payload : payloads()) {
                if (payload instanceof PostsJournalEntry posting && posting.journalEntry() != null) {
                    for (JournalLine line : posting.journalEntry().lines()) {
                        rows.add((line.side().name().equals("DEBIT") ? "DR " : "CR ") + line.accountCode() + " "
                                + line.amount().amount().toPlainString());
                    }
                }
            }
            return rows;
        }
    }
}
